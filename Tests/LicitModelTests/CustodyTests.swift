import LicitModel
import Testing

/// Who may endorse, record on paper, or export in an emergency: the rules about authorities.
@Suite("Custody: who may act on a document")
struct CustodyTests {
    typealias F = Fixtures

    static let toFrance = Custody.EndorsementParties(
        issuer: "IN-NCB",
        importingCountry: "FR",
        counterpart: "FR-ANSM",
        recordedBy: ""
    )

    @Test("the importing country's CNA the EA went to endorses it; nobody else does")
    func importingAuthorityEndorses() throws {
        #expect(
            try Custody.endorsement(of: Self.toFrance, by: "FR-ANSM", of: "FR", number: "1") == .byImportingAuthority
        )
        for (authority, country) in [("IN-NCB", "IN"), ("DE-BFARM", "DE"), ("FR-OTHER", "FR"), ("FR-ANSM", "DE")] {
            #expect(throws: ExchangeError.self, "\(authority) of \(country)") {
                try Custody.endorsement(of: Self.toFrance, by: authority, of: country, number: "1")
            }
        }
    }

    @Test("an EA to a paper partner is endorsed on paper, recorded by its issuer alone")
    func paperPartnerEndorsement() throws {
        let toPaper = Custody.EndorsementParties(
            issuer: "FR-ANSM",
            importingCountry: "ZZ",
            counterpart: "",
            recordedBy: ""
        )
        #expect(toPaper.toPaperPartner)
        #expect(try Custody.endorsement(of: toPaper, by: "FR-ANSM", of: "FR", number: "1") == .fromPaperPartner)
        let refusal = #expect(throws: ExchangeError.self) {
            try Custody.endorsement(of: toPaper, by: "IN-NCB", of: "IN", number: "FR-EA-9")
        }
        #expect(refusal?.reason.code == "not_the_importing_authority")
        #expect(refusal?.message.contains("FR-EA-9") == true)
        // A CNA that recorded the EA from paper endorses it as the importing one.
        let recorded = Custody.EndorsementParties(
            issuer: "ZZ-NCA",
            importingCountry: "FR",
            counterpart: "",
            recordedBy: "FR-ANSM"
        )
        #expect(try Custody.endorsement(of: recorded, by: "FR-ANSM", of: "FR", number: "1") == .byImportingAuthority)
    }

    @Test("a paper partner is a country not on the exchange")
    func paperPartners() throws {
        try Custody.paperPartner(Country(code: "ZZ", name: "Zedland", participating: false))
        let refusal = #expect(throws: ExchangeError.self) {
            try Custody.paperPartner(Country(code: "IN", name: "India", participating: true))
        }
        #expect(refusal?.reason.code == "partner_on_exchange")
    }

    @Test("an emergency export needs a justification that is not blank; an EA citing an IA needs none")
    func emergencyJustification() throws {
        let ia = try F.ia()
        let cited = F.ea(against: ia, base: .grams(10))
        #expect(Custody.missingJustification(of: cited, emergencyJustification: "") == nil)
        let emergency = ExportAuthorization(
            number: "IN-EA-2",
            authority: "IN-NCB",
            exportingCountry: "IN",
            importingCountry: "FR",
            importAuthorization: nil,
            lines: cited.lines,
            period: cited.period
        )
        #expect(
            Custody.missingJustification(of: emergency, emergencyJustification: " \n\t")?.reason
                == .emergencyJustificationRequired
        )
        #expect(Custody.missingJustification(of: emergency, emergencyJustification: "hospital shortage") == nil)
    }
}
