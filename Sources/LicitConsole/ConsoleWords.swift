/// The console's own phrases in French and Spanish, keyed by their English. Labels the console
/// shares with `licit` (document fields, table headers, statuses, reasons) come from `licit`'s
/// vocabulary instead, so both say them the same way.
enum ConsoleWords {
    static let table: [String: (french: String, spanish: String)] = Self.navigation
        .merging(Self.forms) { first, _ in first }
        .merging(Self.messages) { first, _ in first }
        .merging(Self.board) { first, _ in first }

    static let navigation: [String: (french: String, spanish: String)] = [
        "Inbox": ("Boîte de réception", "Bandeja de entrada"),
        "Documents": ("Documents", "Documentos"),
        "New import authorization": ("Nouvelle autorisation d'importation", "Nueva autorización de importación"),
        "New export authorization": ("Nouvelle autorisation d'exportation", "Nueva autorización de exportación"),
        "Trade flows": ("Flux commerciaux", "Flujos comerciales"),
        "Estimates and use": ("Évaluations et utilisation", "Previsiones y uso"),
        "Verify a print": ("Vérifier un imprimé", "Verificar un impreso"),
        "Main": ("Principal", "Principal"),
        "Language": ("Langue", "Idioma"),
        "Board": ("Organe", "Junta"),
        "Board views": ("Vues de l'Organe", "Vistas de la Junta"),
        "Skip to content": ("Aller au contenu", "Ir al contenido"),
        "Sign in": ("Se connecter", "Iniciar sesión"),
        "Sign out": ("Se déconnecter", "Cerrar sesión"),
        "Account": ("Compte", "Cuenta"),
        "Certificate": ("Certificat", "Certificado"),
        "none": ("aucun", "ninguno"),
        "signer": ("signataire", "firmante"),
        "officer": ("agent", "funcionario"),
        "viewer": ("lecteur", "lector"),
        "country_admin": ("administrateur national", "administrador nacional"),
        "board_admin": ("administrateur de l'Organe", "administrador de la Junta"),
        "board_observer": ("observateur de l'Organe", "observador de la Junta"),
        "History": ("Historique", "Historial"),
        "Next page": ("Page suivante", "Página siguiente"),
        "First page": ("Première page", "Primera página"),
        "Next events": ("Événements suivants", "Eventos siguientes"),
        "All events from the first": ("Tous les événements depuis le premier", "Todos los eventos desde el primero"),
        "Events after number": ("Événements après le numéro", "Eventos posteriores al número"),
        "New events appear here as they arrive.": (
            "Les nouveaux événements s'affichent ici dès leur arrivée.",
            "Los nuevos eventos aparecen aquí en cuanto llegan."
        ),
        "Mark these events processed": ("Marquer ces événements comme traités", "Marcar estos eventos como procesados"),
        "Print view (sealed, with its QR code)": (
            "Version imprimable (scellée, avec son code QR)", "Versión para imprimir (sellada, con su código QR)"
        ),
        "Issue an export authorization against it": (
            "Délivrer une autorisation d'exportation en réponse", "Expedir una autorización de exportación en respuesta"
        ),
    ]

    static let forms: [String: (french: String, spanish: String)] = [
        "Check": ("Vérifier", "Comprobar"),
        "Issue…": ("Délivrer…", "Expedir…"),
        "Save as draft": ("Enregistrer comme brouillon", "Guardar como borrador"),
        "Confirm and issue": ("Confirmer et délivrer", "Confirmar y expedir"),
        "Back to the form": ("Revenir au formulaire", "Volver al formulario"),
        "Filter": ("Filtrer", "Filtrar"),
        "all": ("tous", "todos"),
        "import authorizations": ("autorisations d'importation", "autorizaciones de importación"),
        "export authorizations": ("autorisations d'exportation", "autorizaciones de exportación"),
        "Issued from": ("Délivré à partir du", "Expedido desde"),
        "Issued to": ("Délivré jusqu'au", "Expedido hasta"),
        "Importer (registered)": ("Importateur (enregistré)", "Importador (registrado)"),
        "Exporter (registered)": ("Exportateur (enregistré)", "Exportador (registrado)"),
        "Exporter's name": ("Nom de l'exportateur", "Nombre del exportador"),
        "Exporter's address": ("Adresse de l'exportateur", "Dirección del exportador"),
        "the exporter the IA names": ("l'exportateur nommé dans l'AI", "el exportador que nombra la AI"),
        "The import authorization it answers (AUTHORITY/NUMBER)": (
            "L'autorisation d'importation à laquelle elle répond (AUTORITÉ/NUMÉRO)",
            "La autorización de importación a la que responde (AUTORIDAD/NÚMERO)"
        ),
        "Substance, salt or preparation": ("Substance, sel ou préparation", "Sustancia, sal o preparado"),
        "Quantity (kg, g or mg)": ("Quantité (kg, g ou mg)", "Cantidad (kg, g o mg)"),
        "First day": ("Premier jour", "Primer día"),
        "Last day": ("Dernier jour", "Último día"),
        "A single consignment only": ("Un seul envoi", "Un solo envío"),
        "Into a bonded warehouse": ("En entrepôt sous douane", "A un depósito aduanero"),
        "To a bonded warehouse": ("Vers un entrepôt sous douane", "Hacia un depósito aduanero"),
        "Transit countries (codes, in order)": (
            "Pays de transit (codes, dans l'ordre)", "Países de tránsito (códigos, en orden)"
        ),
        "Emergency export without an import authorization": (
            "Exportation d'urgence sans autorisation d'importation",
            "Exportación de emergencia sin autorización de importación"
        ),
        "Why (the Board is told)": ("Pourquoi (l'Organe en est informé)", "Por qué (se informa a la Junta)"),
        "Importing country (code)": ("Pays importateur (code)", "País importador (código)"),
        "Exceeds the estimate or assessment? Why (the Board sees it)": (
            "Dépasse l'évaluation ou la prévision ? Pourquoi (l'Organe le voit)",
            "¿Supera la previsión o la evaluación? Por qué (la Junta lo ve)"
        ),
        "The exchange's check": ("La vérification de la plateforme", "La comprobación de la plataforma"),
        "Base quantities": ("Quantités en base anhydre", "Cantidades en base anhidra"),
        "Balances after": ("Soldes après", "Saldos después"),
        "Problems": ("Problèmes", "Problemas"),
        "of": ("de", "de"),
        "Endorse": ("Viser", "Refrendar"),
        "Endorse: the quantities actually imported": (
            "Viser : les quantités effectivement importées", "Refrendar: las cantidades efectivamente importadas"
        ),
        "Received on line": ("Reçu à la ligne", "Recibido en la línea"),
        "of the form, e.g. 7.5kg": ("de la forme, p. ex. 7.5kg", "de la forma, p. ej. 7.5kg"),
        "Cancel": ("Annuler", "Anular"),
        "Reason": ("Motif", "Motivo"),
        "Cancel this document": ("Annuler ce document", "Anular este documento"),
        "Verify": ("Vérifier", "Verificar"),
        "The printed file's whole text (as saved from the print view or by licit export)": (
            "Le texte entier du fichier imprimé (enregistré depuis la version imprimable ou par licit export)",
            "El texto completo del archivo impreso (guardado desde la versión para imprimir o con licit export)"
        ),
        "At or above this share of the limit (%)": (
            "À partir de cette part de la limite (%)", "Desde esta parte del límite (%)"
        ),
    ]

    static let messages: [String: (french: String, spanish: String)] = [
        "This is a training sandbox: choose the account to act as. Everything you do is done on the sandbox's exchange with that account's certificate.":
            (
                "Ceci est un bac à sable de formation : choisissez le compte avec lequel agir. Tout ce que vous faites l'est sur la plateforme du bac à sable avec le certificat de ce compte.",
                "Esto es un entorno de formación: elija la cuenta con la que actuar. Todo lo que haga se hace en la plataforma del entorno con el certificado de esa cuenta."
            ),
        "You sign in with the certificate your browser presented.": (
            "Vous vous connectez avec le certificat présenté par votre navigateur.",
            "Inicia sesión con el certificado que presentó su navegador."
        ),
        "This console was given no identity with this certificate: ask your country admin.": (
            "Aucune identité n'a été confiée à cette console pour ce certificat : adressez-vous à votre administrateur national.",
            "No se ha dado a esta consola ninguna identidad con este certificado: consulte a su administrador nacional."
        ),
        "No such account.": ("Ce compte n'existe pas.", "Esa cuenta no existe."),
        "The sign-in form had expired: try again.": (
            "Le formulaire de connexion avait expiré : réessayez.",
            "El formulario de inicio de sesión había caducado: vuelva a intentarlo."
        ),
        "The exchange did not let this account in:": (
            "La plateforme n'a pas admis ce compte :", "La plataforma no admitió esta cuenta:"
        ),
        "This form has expired": ("Ce formulaire a expiré", "Este formulario ha caducado"),
        "Nothing was done. Go back, reload the page and submit again.": (
            "Rien n'a été fait. Revenez en arrière, rechargez la page et envoyez de nouveau.",
            "No se hizo nada. Vuelva atrás, recargue la página y envíe de nuevo."
        ),
        "The exchange did not do this": ("La plateforme n'a pas fait cela", "La plataforma no hizo esto"),
        "The exchange may or may not have done it: look at the document or the inbox before trying again.": (
            "La plateforme l'a peut-être fait : consultez le document ou la boîte de réception avant de réessayer.",
            "Puede que la plataforma lo haya hecho: consulte el documento o la bandeja de entrada antes de reintentar."
        ),
        "Try again in a moment; if it persists, tell the exchange's operator.": (
            "Réessayez dans un instant ; si cela persiste, prévenez l'exploitant de la plateforme.",
            "Vuelva a intentarlo en un momento; si persiste, avise al operador de la plataforma."
        ),
        "The exchange would accept it.": ("La plateforme l'accepterait.", "La plataforma lo aceptaría."),
        "Check what will be issued. Once issued, it is sealed and sent to the other country.": (
            "Vérifiez ce qui sera délivré. Une fois délivré, il est scellé et envoyé à l'autre pays.",
            "Compruebe lo que se expedirá. Una vez expedido, se sella y se envía al otro país."
        ),
        "Your role may not do this: signers issue, officers save drafts.": (
            "Votre rôle ne le permet pas : les signataires délivrent, les agents enregistrent des brouillons.",
            "Su función no lo permite: los firmantes expiden, los funcionarios guardan borradores."
        ),
        "Only issued documents, sealed by the exchange, have a print view.": (
            "Seuls les documents délivrés, scellés par la plateforme, ont une version imprimable.",
            "Solo los documentos expedidos, sellados por la plataforma, tienen versión para imprimir."
        ),
        "No document matches.": ("Aucun document ne correspond.", "Ningún documento coincide."),
        "Valid": ("Valide", "Válido"),
        "Not valid": ("Non valide", "No válido"),
        "sealed by the exchange": ("scellé par la plateforme", "sellado por la plataforma"),
        "key id": ("identifiant de clé", "identificador de clave"),
        "The seal covers what was issued; the document's page tells its status now.": (
            "Le sceau couvre ce qui a été délivré ; la page du document indique son statut actuel.",
            "El sello cubre lo expedido; la página del documento indica su estado actual."
        ),
    ]

    static let board: [String: (french: String, spanish: String)] = [
        "Issued over an estimate or assessment": (
            "Délivrés au-delà d'une évaluation ou prévision", "Expedidos por encima de una previsión o evaluación"
        ),
        "Emergency exports": ("Exportations d'urgence", "Exportaciones de emergencia"),
        "Overdue endorsements": ("Visas en retard", "Refrendos atrasados"),
        "Cancelled or superseded": ("Annulés ou remplacés", "Anulados o sustituidos"),
        "days overdue": ("jours de retard", "días de retraso"),
        "EAs": ("AE", "AE"),
        "used": ("utilisé", "usado"),
        "exported, not yet endorsed": ("exporté, pas encore visé", "exportado, aún sin refrendar"),
        "Exported and imported against authorized": (
            "Exporté et importé par rapport à l'autorisé", "Exportado e importado frente a lo autorizado"
        ),
        "Imported and authorized against the estimate or assessment": (
            "Importé et autorisé par rapport à l'évaluation ou la prévision",
            "Importado y autorizado frente a la previsión o la evaluación"
        ),
        "A vertical mark is the limit.": (
            "Un trait vertical marque la limite.", "Una marca vertical señala el límite."
        ),
        "Nothing to chart.": ("Rien à représenter.", "Nada que representar."),
    ]
}
