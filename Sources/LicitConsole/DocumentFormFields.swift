import LicitWire

/// The form's fields, labelled, keeping what was typed; substances and salts are searched by code or
/// name from the exchange's catalogue as one types.
extension DocumentForm {
    func fields(_ reference: Licit_V1_ReferenceData, _ say: Tongue) -> String {
        var html = [Self.catalogue(reference)]
        html.append(self.text("number", say("Number"), required: true))
        switch self.kind {
        case .ia:
            let countries = reference.countries.map { ($0.code, "\($0.code) — \($0.name)") }
            html.append(self.select("exporting_country", say("Exporting country"), countries))
            let traders = reference.traders.map { ($0.id, "\($0.id) — \($0.name)") }
            html.append(self.select("importer", say("Importer (registered)"), traders))
            html.append(self.text("exporter_name", say("Exporter's name"), required: true))
            html.append(self.text("exporter_address", say("Exporter's address"), required: true))
        case .ea:
            html.append(self.text("ia", say("The import authorization it answers (AUTHORITY/NUMBER)")))
            let traders =
                [("", say("the exporter the IA names"))] + reference.traders.map { ($0.id, "\($0.id) — \($0.name)") }
            html.append(self.select("exporter", say("Exporter (registered)"), traders))
        }
        html.append(self.lines(say))
        html.append(self.text("from", say("First day"), type: "date"))
        html.append(self.text("to", say("Last day"), type: "date"))
        switch self.kind {
        case .ia:
            html.append(self.checkbox("single", say("A single consignment only")))
            html.append(self.text("port", say("Port of entry")))
            html.append(self.checkbox("bonded", say("Into a bonded warehouse")))
        case .ea:
            html.append(self.text("port_of_exit", say("Port of exit")))
            html.append(self.text("port_of_entry", say("Port of entry")))
            html.append(self.text("transit", say("Transit countries (codes, in order)")))
            html.append(self.text("carrier", say("Carrier")))
            html.append(self.checkbox("bonded", say("To a bonded warehouse")))
            html.append(
                "<fieldset><legend>\(h(say("Emergency export without an import authorization")))</legend>"
                    + self.text("emergency", say("Why (the Board is told)"))
                    + self.text("importing_country", say("Importing country (code)")) + "</fieldset>"
            )
        }
        html.append(self.text("override", say("Exceeds the estimate or assessment? Why (the Board sees it)")))
        return html.joined(separator: "\n")
    }

    private func lines(_ say: Tongue) -> String {
        let forms = self.form.all("line_form")
        let quantities = self.form.all("line_quantity")
        let slots = max(Self.lineSlots, forms.count)
        let rows = (0..<slots).map { index in
            let form = index < forms.count ? forms[index] : ""
            let quantity = index < quantities.count ? quantities[index] : ""
            return """
                <p class="line"><label for="line-form-\(index)">\(h(say("Substance, salt or preparation"))) \(index + 1)</label>
                <input id="line-form-\(index)" name="line_form" list="catalogue" value="\(h(form))" autocomplete="off">
                <label for="line-quantity-\(index)">\(h(say("Quantity (kg, g or mg)"))) \(index + 1)</label>
                <input id="line-quantity-\(index)" name="line_quantity" value="\(h(quantity))" inputmode="decimal" placeholder="25kg"></p>
                """
        }
        return "<fieldset><legend>\(h(say("Substances")))</legend>\(rows.joined(separator: "\n"))</fieldset>"
    }

    private static func catalogue(_ reference: Licit_V1_ReferenceData) -> String {
        var options: [String] = []
        for substance in reference.substances {
            for form in substance.forms {
                options.append("<option value=\"\(h(form.code))\">\(h(form.name))</option>")
            }
            if !substance.forms.contains(where: { $0.code == substance.code }) {
                options.append("<option value=\"\(h(substance.code))\">\(h(substance.name))</option>")
            }
        }
        return "<datalist id=\"catalogue\">\(options.joined())</datalist>"
    }

    private func text(_ name: String, _ label: String, type: String = "text", required: Bool = false) -> String {
        "<p><label for=\"f-\(name)\">\(h(label))</label> <input id=\"f-\(name)\" name=\"\(name)\" type=\"\(type)\""
            + " value=\"\(h(self.form[name] ?? ""))\"\(required ? " required" : "")></p>"
    }

    private func select(_ name: String, _ label: String, _ options: [(String, String)]) -> String {
        let chosen = self.form[name] ?? ""
        let items = options.map { value, text in
            "<option value=\"\(h(value))\"\(value == chosen ? " selected" : "")>\(h(text))</option>"
        }.joined()
        return
            "<p><label for=\"f-\(name)\">\(h(label))</label> <select id=\"f-\(name)\" name=\"\(name)\">\(items)</select></p>"
    }

    private func checkbox(_ name: String, _ label: String) -> String {
        "<p><input id=\"f-\(name)\" name=\"\(name)\" type=\"checkbox\"\(self.form.has(name) ? " checked" : "")>"
            + " <label for=\"f-\(name)\">\(h(label))</label></p>"
    }
}
