/// Every reason the exchange answers a call with (PROTOCOL.md §11.2 and §15), named in English,
/// French and Spanish: served by `GetReference` as its vocabulary and used by `licit` to explain a
/// refusal. A test checks that every reason the server code sends is here.
extension Vocabulary {
    public static let reasons: [String: Names] = [
        "account_exists": Names(
            english: "an account of that name exists",
            french: "un compte de ce nom existe déjà",
            spanish: "ya existe una cuenta con ese nombre"
        ),
        "account_not_found": Names(
            english: "no account you administer has that certificate",
            french: "aucun compte que vous administrez n'a ce certificat",
            spanish: "ninguna cuenta que usted administra tiene ese certificado"
        ),
        "amendment_below_exported": Names(
            english: "the amendment is below what its export authorizations commit",
            french: "la modification est inférieure à ce qu'engagent ses autorisations d'exportation",
            spanish: "la modificación es inferior a lo que comprometen sus autorizaciones de exportación"
        ),
        "amendment_changes_lines": Names(
            english: "the amendment changes the lines of an authorization already exported against",
            french: "la modification change les lignes d'une autorisation déjà utilisée à l'exportation",
            spanish: "la modificación cambia las líneas de una autorización ya utilizada para exportar"
        ),
        "authorization_not_required": Names(
            english: "this substance needs no import authorization",
            french: "cette substance ne requiert pas d'autorisation d'importation",
            spanish: "esta sustancia no requiere autorización de importación"
        ),
        "bonded_warehouse_not_approved": Names(
            english: "the import authorization does not approve a bonded warehouse",
            french: "l'autorisation d'importation n'approuve pas d'entrepôt sous douane",
            spanish: "la autorización de importación no aprueba un depósito aduanero"
        ),
        "bonded_warehouse_prohibited": Names(
            english: "Schedule I substances may not go to a bonded warehouse",
            french: "les substances du tableau I ne peuvent aller en entrepôt sous douane",
            spanish: "las sustancias de la Lista I no pueden ir a un depósito aduanero"
        ),
        "cancelled": Names(
            english: "the call was cancelled",
            french: "l'appel a été annulé",
            spanish: "la llamada fue cancelada"
        ),
        "certificate_revoked": Names(
            english: "this certificate has been revoked",
            french: "ce certificat a été révoqué",
            spanish: "este certificado ha sido revocado"
        ),
        "citation_mismatch": Names(
            english: "the export authorization cites the import authorization wrongly",
            french: "l'autorisation d'exportation cite mal l'autorisation d'importation",
            spanish: "la autorización de exportación cita mal la autorización de importación"
        ),
        "citation_required": Names(
            english: "an export authorization must cite its import authorization",
            french: "une autorisation d'exportation doit citer son autorisation d'importation",
            spanish: "una autorización de exportación debe citar su autorización de importación"
        ),
        "deadline_exceeded": Names(
            english: "the call did not finish before its deadline",
            french: "l'appel n'a pas abouti avant son échéance",
            spanish: "la llamada no terminó antes de su plazo"
        ),
        "document_not_found": Names(
            english: "no such document is visible to you",
            french: "aucun document de ce numéro ne vous est visible",
            spanish: "ningún documento con ese número le es visible"
        ),
        "draft_in_amendment": Names(
            english: "an amendment gives its content, not a draft",
            french: "une modification donne son contenu, pas un brouillon",
            spanish: "una modificación da su contenido, no un borrador"
        ),
        "draft_not_found": Names(
            english: "your authority has no such draft",
            french: "votre autorité n'a pas ce brouillon",
            spanish: "su autoridad no tiene ese borrador"
        ),
        "draining": Names(
            english: "the exchange is shutting down: retry on a new connection",
            french: "l'échange s'arrête : réessayez sur une nouvelle connexion",
            spanish: "el intercambio se está deteniendo: reintente en una nueva conexión"
        ),
        "duplicate_call_id": Names(
            english: "this call id is already in flight",
            french: "cet identifiant d'appel est déjà en cours",
            spanish: "este identificador de llamada ya está en curso"
        ),
        "duplicate_number": Names(
            english: "your authority already used this number",
            french: "votre autorité a déjà utilisé ce numéro",
            spanish: "su autoridad ya usó este número"
        ),
        "emergency_justification_required": Names(
            english: "an emergency export must state its justification",
            french: "une exportation d'urgence doit être justifiée",
            spanish: "una exportación de emergencia debe justificarse"
        ),
        "emergency_with_ia": Names(
            english: "an emergency export cites no import authorization",
            french: "une exportation d'urgence ne cite pas d'autorisation d'importation",
            spanish: "una exportación de emergencia no cita autorización de importación"
        ),
        "empty_frame": Names(
            english: "the frame carries nothing",
            french: "la trame ne contient rien",
            spanish: "la trama no contiene nada"
        ),
        "endorsement_exceeds_export": Names(
            english: "the endorsed quantity exceeds what was exported",
            french: "la quantité visée dépasse la quantité exportée",
            spanish: "la cantidad refrendada excede la exportada"
        ),
        "enrolment_unavailable": Names(
            english: "this exchange enrols accounts through its operator",
            french: "cet échange inscrit les comptes par son opérateur",
            spanish: "este intercambio inscribe las cuentas por medio de su operador"
        ),
        "exported_exceeds_authorized": Names(
            english: "the exported quantity exceeds what was authorized",
            french: "la quantité exportée dépasse la quantité autorisée",
            spanish: "la cantidad exportada excede la autorizada"
        ),
        "field_too_long": Names(
            english: "a field is too long",
            french: "un champ est trop long",
            spanish: "un campo es demasiado largo"
        ),
        "frame_too_large": Names(
            english: "the frame is larger than the limit",
            french: "la trame dépasse la limite de taille",
            spanish: "la trama excede el límite de tamaño"
        ),
        "hello_required": Names(
            english: "call Hello first",
            french: "appelez d'abord Hello",
            spanish: "llame primero a Hello"
        ),
        "ia_expired": Names(
            english: "the import authorization has expired",
            french: "l'autorisation d'importation a expiré",
            spanish: "la autorización de importación ha vencido"
        ),
        "ia_not_usable": Names(
            english: "the import authorization cannot be used",
            french: "l'autorisation d'importation n'est pas utilisable",
            spanish: "la autorización de importación no se puede utilizar"
        ),
        "import_prohibited": Names(
            english: "the importing country prohibits this substance",
            french: "le pays importateur interdit cette substance",
            spanish: "el país importador prohíbe esta sustancia"
        ),
        "internal_error": Names(
            english: "the exchange could not complete the call",
            french: "l'échange n'a pas pu mener l'appel à bien",
            spanish: "el intercambio no pudo completar la llamada"
        ),
        "invalid_account_name": Names(
            english: "the account name is not valid",
            french: "le nom du compte n'est pas valide",
            spanish: "el nombre de la cuenta no es válido"
        ),
        "invalid_allowance": Names(
            english: "the estimate or assessment is not valid",
            french: "l'évaluation n'est pas valide",
            spanish: "la previsión o evaluación no es válida"
        ),
        "invalid_call_id": Names(
            english: "the call id is not valid",
            french: "l'identifiant d'appel n'est pas valide",
            spanish: "el identificador de llamada no es válido"
        ),
        "invalid_certificate_request": Names(
            english: "the certificate request is not valid",
            french: "la demande de certificat n'est pas valide",
            spanish: "la solicitud de certificado no es válida"
        ),
        "invalid_clock": Names(
            english: "the sandbox clock cannot be set so",
            french: "l'horloge du bac à sable ne peut être réglée ainsi",
            spanish: "el reloj del entorno de pruebas no puede ajustarse así"
        ),
        "invalid_convention": Names(
            english: "the convention is not valid",
            french: "la convention n'est pas valide",
            spanish: "la convención no es válida"
        ),
        "invalid_country": Names(
            english: "the country code is not valid",
            french: "le code de pays n'est pas valide",
            spanish: "el código de país no es válido"
        ),
        "invalid_date": Names(
            english: "the date is not valid",
            french: "la date n'est pas valide",
            spanish: "la fecha no es válida"
        ),
        "invalid_factor": Names(
            english: "the conversion factor is not valid",
            french: "le facteur de conversion n'est pas valide",
            spanish: "el factor de conversión no es válido"
        ),
        "invalid_form": Names(
            english: "the form is not valid",
            french: "la forme n'est pas valide",
            spanish: "la forma no es válida"
        ),
        "invalid_language": Names(
            english: "the language is not supported",
            french: "la langue n'est pas prise en charge",
            spanish: "el idioma no es compatible"
        ),
        "invalid_lines": Names(
            english: "the lines are not valid",
            french: "les lignes ne sont pas valides",
            spanish: "las líneas no son válidas"
        ),
        "invalid_number": Names(
            english: "the document number is not valid",
            french: "le numéro du document n'est pas valide",
            spanish: "el número del documento no es válido"
        ),
        "invalid_page_token": Names(
            english: "the page token is not valid",
            french: "le jeton de page n'est pas valide",
            spanish: "el testigo de página no es válido"
        ),
        "invalid_period": Names(
            english: "the period is not valid",
            french: "la période n'est pas valide",
            spanish: "el período no es válido"
        ),
        "invalid_reference": Names(
            english: "the reference data is not valid",
            french: "les données de référence ne sont pas valides",
            spanish: "los datos de referencia no son válidos"
        ),
        "invalid_request_id": Names(
            english: "the request id is not valid",
            french: "l'identifiant de requête n'est pas valide",
            spanish: "el identificador de solicitud no es válido"
        ),
        "invalid_scan": Names(
            english: "the scanned document is missing or too large",
            french: "le document numérisé manque ou est trop grand",
            spanish: "el documento escaneado falta o es demasiado grande"
        ),
        "invalid_schedule": Names(
            english: "the schedule is not valid",
            french: "le tableau n'est pas valide",
            spanish: "la lista no es válida"
        ),
        "invalid_transition": Names(
            english: "the document cannot change so from its status",
            french: "le document ne peut changer ainsi depuis son statut",
            spanish: "el documento no puede cambiar así desde su estado"
        ),
        "malformed_payload": Names(
            english: "the request cannot be decoded",
            french: "la requête ne peut être décodée",
            spanish: "la solicitud no puede decodificarse"
        ),
        "missing_field": Names(
            english: "a required field is missing",
            french: "un champ obligatoire manque",
            spanish: "falta un campo obligatorio"
        ),
        "no_estimate": Names(
            english: "no estimate for this substance",
            french: "aucune évaluation pour cette substance",
            spanish: "no hay previsión para esta sustancia"
        ),
        "no_factor_in_force": Names(
            english: "no conversion factor is in force for this form",
            french: "aucun facteur de conversion n'est en vigueur pour cette forme",
            spanish: "ningún factor de conversión está vigente para esta forma"
        ),
        "non_positive_quantity": Names(
            english: "the quantity must be above zero",
            french: "la quantité doit être supérieure à zéro",
            spanish: "la cantidad debe ser mayor que cero"
        ),
        "not_a_sandbox": Names(
            english: "this exchange keeps real time",
            french: "cet échange suit le temps réel",
            spanish: "este intercambio sigue el tiempo real"
        ),
        "not_addressed_to_you": Names(
            english: "the paper document does not name your country",
            french: "le document papier ne désigne pas votre pays",
            spanish: "el documento en papel no nombra a su país"
        ),
        "not_found": Names(english: "not in the store", french: "introuvable", spanish: "no encontrado"),
        "not_the_importing_authority": Names(
            english: "only the importing country's authority may do this",
            french: "seule l'autorité du pays importateur le peut",
            spanish: "solo la autoridad del país importador puede hacerlo"
        ),
        "not_your_ia": Names(
            english: "the import authorization is not your authority's",
            french: "l'autorisation d'importation n'est pas de votre autorité",
            spanish: "la autorización de importación no es de su autoridad"
        ),
        "other_country_balance": Names(
            english: "another country's balances are for its authorities and the Board",
            french: "les soldes d'un autre pays sont pour ses autorités et l'Organe",
            spanish: "los saldos de otro país son para sus autoridades y la Junta"
        ),
        "other_country_return": Names(
            english: "another country's returns are for its authorities and the Board",
            french: "les rapports d'un autre pays sont pour ses autorités et l'Organe",
            spanish: "los informes de otro país son para sus autoridades y la Junta"
        ),
        "over_assessment": Names(
            english: "exceeds the importing country's assessment",
            french: "dépasse l'évaluation (psychotropes) du pays importateur",
            spanish: "excede la evaluación del país importador"
        ),
        "over_estimate": Names(
            english: "exceeds the importing country's estimate",
            french: "dépasse l'évaluation du pays importateur",
            spanish: "excede la previsión del país importador"
        ),
        "over_remaining_ia": Names(
            english: "exceeds what remains of the import authorization",
            french: "dépasse le solde de l'autorisation d'importation",
            spanish: "excede el saldo de la autorización de importación"
        ),
        "page_size_too_large": Names(
            english: "the page size is above its limit",
            french: "la taille de page dépasse sa limite",
            spanish: "el tamaño de página excede su límite"
        ),
        "partner_on_exchange": Names(
            english: "that country is on the exchange: its authority issues there",
            french: "ce pays est sur l'échange : son autorité y émet ses documents",
            spanish: "ese país está en el intercambio: su autoridad emite allí"
        ),
        "period_outside_ia": Names(
            english: "the period is outside the import authorization's",
            french: "la période sort de celle de l'autorisation d'importation",
            spanish: "el período está fuera del de la autorización de importación"
        ),
        "quantity_too_large": Names(
            english: "the quantity is too large",
            french: "la quantité est trop grande",
            spanish: "la cantidad es demasiado grande"
        ),
        "rate_limited": Names(
            english: "your authority writes faster than its pace: retry later",
            french: "votre autorité écrit plus vite que son rythme : réessayez plus tard",
            spanish: "su autoridad escribe más rápido que su ritmo: reintente más tarde"
        ),
        "request_id_required": Names(
            english: "every write needs a request id",
            french: "toute écriture requiert un identifiant de requête",
            spanish: "toda escritura requiere un identificador de solicitud"
        ),
        "request_id_reused": Names(
            english: "this request id was used for another request",
            french: "cet identifiant de requête a servi à une autre requête",
            spanish: "este identificador de solicitud se usó para otra solicitud"
        ),
        "revocation_unavailable": Names(
            english: "this exchange revokes certificates through its operator",
            french: "cet échange révoque les certificats par son opérateur",
            spanish: "este intercambio revoca los certificados por medio de su operador"
        ),
        "role_not_permitted": Names(
            english: "your role may not do this",
            french: "votre rôle ne le permet pas",
            spanish: "su función no lo permite"
        ),
        "same_country": Names(
            english: "the exporting and importing countries are the same",
            french: "les pays exportateur et importateur sont identiques",
            spanish: "los países exportador e importador son el mismo"
        ),
        "shutting_down": Names(
            english: "the exchange is shutting down",
            french: "l'échange s'arrête",
            spanish: "el intercambio se está deteniendo"
        ),
        "single_consignment_used": Names(
            english: "the import authorization allows one consignment, already exported",
            french: "l'autorisation d'importation permet un seul envoi, déjà exporté",
            spanish: "la autorización de importación permite un solo envío, ya exportado"
        ),
        "storage_unavailable": Names(
            english: "the exchange could not commit: retry with the same request id",
            french: "l'échange n'a pu valider : réessayez avec le même identifiant de requête",
            spanish: "el intercambio no pudo confirmar: reintente con el mismo identificador de solicitud"
        ),
        "substance_not_on_ia": Names(
            english: "the lines are not the import authorization's",
            french: "les lignes ne sont pas celles de l'autorisation d'importation",
            spanish: "las líneas no son las de la autorización de importación"
        ),
        "too_many_calls_in_flight": Names(
            english: "too many calls in flight on this connection",
            french: "trop d'appels en cours sur cette connexion",
            spanish: "demasiadas llamadas en curso en esta conexión"
        ),
        "too_many_connections": Names(
            english: "too many connections for this certificate",
            french: "trop de connexions pour ce certificat",
            spanish: "demasiadas conexiones para este certificado"
        ),
        "trader_id_taken": Names(
            english: "that trader id belongs to another authority",
            french: "cet identifiant d'opérateur appartient à une autre autorité",
            spanish: "ese identificador de operador pertenece a otra autoridad"
        ),
        "truncated_frame": Names(
            english: "the frame was cut short",
            french: "la trame est tronquée",
            spanish: "la trama está truncada"
        ),
        "undecodable_frame": Names(
            english: "the frame cannot be decoded",
            french: "la trame ne peut être décodée",
            spanish: "la trama no puede decodificarse"
        ),
        "unexpected_frame_kind": Names(
            english: "a client may not send this kind of frame",
            french: "un client ne peut envoyer ce type de trame",
            spanish: "un cliente no puede enviar este tipo de trama"
        ),
        "unknown_authority": Names(
            english: "no such authority you administer",
            french: "aucune autorité de ce nom que vous administrez",
            spanish: "ninguna autoridad con ese nombre que usted administre"
        ),
        "unknown_certificate": Names(
            english: "the certificate is not known to the exchange",
            french: "le certificat n'est pas connu de l'échange",
            spanish: "el certificado no es conocido por el intercambio"
        ),
        "unknown_country": Names(
            english: "no such country",
            french: "aucun pays de ce code",
            spanish: "ningún país con ese código"
        ),
        "unknown_event": Names(
            english: "no such event in your inbox",
            french: "aucun événement de ce numéro dans votre boîte",
            spanish: "ningún evento con ese número en su bandeja"
        ),
        "unknown_form": Names(
            english: "no such form in the catalogue",
            french: "aucune forme de ce nom au catalogue",
            spanish: "ninguna forma con ese nombre en el catálogo"
        ),
        "unknown_method": Names(
            english: "no such method",
            french: "aucune méthode de ce nom",
            spanish: "ningún método con ese nombre"
        ),
        "unknown_trader": Names(
            english: "no such trader",
            french: "aucun opérateur de ce nom",
            spanish: "ningún operador con ese nombre"
        ),
        "unsupported_protocol_version": Names(
            english: "the exchange does not speak this protocol version",
            french: "l'échange ne parle pas cette version du protocole",
            spanish: "el intercambio no habla esta versión del protocolo"
        ),
        "wrong_exporting_country": Names(
            english: "the import authorization names another exporting country",
            french: "l'autorisation d'importation désigne un autre pays exportateur",
            spanish: "la autorización de importación nombra otro país exportador"
        ),
        "wrong_importing_country": Names(
            english: "the import authorization is another country's",
            french: "l'autorisation d'importation est d'un autre pays",
            spanish: "la autorización de importación es de otro país"
        ),
        "zero_length_frame": Names(
            english: "a frame of length zero",
            french: "une trame de longueur nulle",
            spanish: "una trama de longitud cero"
        ),
    ]
}
