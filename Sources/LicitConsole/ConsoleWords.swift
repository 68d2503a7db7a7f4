/// The console's own phrases in French and Spanish, keyed by their English. Labels the console
/// shares with `licit` (document fields, table headers, statuses, reasons) come from `licit`'s
/// vocabulary instead, so both say them the same way.
enum ConsoleWords {
    static let table: [String: (french: String, spanish: String)] = Self.navigation
        .merging(Self.forms) { first, _ in first }
        .merging(Self.messages) { first, _ in first }
        .merging(Self.board) { first, _ in first }
        .merging(Self.accounts) { first, _ in first }
        .merging(Self.training) { first, _ in first }

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
        "Cancel": ("Annuler", "Anular"),
        "Reason": ("Motif", "Motivo"),
        "Cancel this document": ("Annuler ce document", "Anular este documento"),
        "Verify": ("Vérifier", "Verificar"),
        "The printed file's whole text (as saved from the print view or by licit export)": (
            "Le texte entier du fichier imprimé (enregistré depuis la version imprimable ou par licit export)",
            "El texto completo del archivo impreso (guardado desde la versión para imprimir o con licit export)"
        ),
        "Amend: issue a new IA that supersedes it": (
            "Modifier : délivrer une nouvelle AI qui la remplace", "Modificar: expedir una nueva AI que la sustituye"
        ),
        "Amending": ("Modification de", "Modificación de"),
        "give the new IA a new number; it supersedes the old one.": (
            "donnez un nouveau numéro à la nouvelle AI ; elle remplace l'ancienne.",
            "dé un número nuevo a la nueva AI; sustituye a la anterior."
        ),
        "Issue this draft…": ("Délivrer ce brouillon…", "Expedir este borrador…"),
        "Issue the draft": ("Délivrer le brouillon", "Expedir el borrador"),
        "Back": ("Retour", "Volver"),
        "Record the quantity actually exported (a short export)": (
            "Enregistrer la quantité effectivement exportée (exportation partielle)",
            "Registrar la cantidad efectivamente exportada (exportación parcial)"
        ),
        "Record": ("Enregistrer", "Registrar"),
        "Line": ("Ligne", "Línea"),
        "of the form, e.g. 7.5kg; or base:7.5kg": (
            "de la forme, p. ex. 7.5kg ; ou base:7.5kg", "de la forma, p. ej. 7.5kg; o base:7.5kg"
        ),
        "committed (base)": ("engagé (base)", "comprometido (base)"),
        "exported (base)": ("exporté (base)", "exportado (base)"),
        "imported (base)": ("importé (base)", "importado (base)"),
        "Paper documents": ("Documents papier", "Documentos en papel"),
        "Record a paper import authorization": (
            "Enregistrer une autorisation d'importation papier", "Registrar una autorización de importación en papel"
        ),
        "Record a paper export authorization": (
            "Enregistrer une autorisation d'exportation papier", "Registrar una autorización de exportación en papel"
        ),
        "A document received on paper from a country not on the exchange, recorded with its scan so that its quantities count and the Board sees it.":
            (
                "Un document reçu sur papier d'un pays absent de la plateforme, enregistré avec sa numérisation pour que ses quantités comptent et que l'Organe le voie.",
                "Un documento recibido en papel de un país que no está en la plataforma, registrado con su escaneo para que sus cantidades cuenten y la Junta lo vea."
            ),
        "Substances, as printed": ("Substances, telles qu'imprimées", "Sustancias, tal como figuran impresas"),
        "The scan (PDF, PNG, JPEG or TIFF, up to 10 MB)": (
            "La numérisation (PDF, PNG, JPEG ou TIFF, 10 Mo au plus)", "El escaneo (PDF, PNG, JPEG o TIFF, hasta 10 MB)"
        ),
        "The scanned paper document": ("Le document papier numérisé", "El documento en papel escaneado"),
        "The scanned paper endorsement": ("Le visa papier numérisé", "El refrendo en papel escaneado"),
        "The foreign CNA that issued it (code)": (
            "L'autorité étrangère qui l'a délivré (code)", "La autoridad extranjera que lo expidió (código)"
        ),
        "The number printed on it": ("Le numéro qui y est imprimé", "El número impreso en él"),
        "Its date of issue": ("Sa date de délivrance", "Su fecha de expedición"),
        "The foreign importing country (code)": (
            "Le pays importateur étranger (code)", "El país importador extranjero (código)"
        ),
        "The foreign importer's name, as printed": (
            "Le nom de l'importateur étranger, tel qu'imprimé", "El nombre del importador extranjero, tal como figura"
        ),
        "The foreign importer's address, as printed": (
            "L'adresse de l'importateur étranger, telle qu'imprimée",
            "La dirección del importador extranjero, tal como figura"
        ),
        "Your IA it answers (NUMBER or AUTHORITY/NUMBER)": (
            "Votre AI à laquelle elle répond (NUMÉRO ou AUTORITÉ/NUMÉRO)",
            "Su AI a la que responde (NÚMERO o AUTORIDAD/NÚMERO)"
        ),
        "The foreign exporter's name, as printed": (
            "Le nom de l'exportateur étranger, tel qu'imprimé", "El nombre del exportador extranjero, tal como figura"
        ),
        "The foreign exporter's address, as printed": (
            "L'adresse de l'exportateur étranger, telle qu'imprimée",
            "La dirección del exportador extranjero, tal como figura"
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
        "Accept": ("Accepter", "Aceptar"),
        "Query": ("Demander des précisions", "Pedir aclaraciones"),
        "Reason (to query)": ("Motif (pour demander des précisions)", "Motivo (para pedir aclaraciones)"),
        "Decide": ("Décider", "Decidir"),
        "Confirm (0 refuses)": ("Confirmer (0 refuse)", "Confirmar (0 rechaza)"),
        "Annual returns": ("Rapports annuels", "Informes anuales"),
        "Paper partners": ("Partenaires sur papier", "Socios en papel"),
        "Supplementary estimate requests": (
            "Demandes d'évaluations supplémentaires", "Solicitudes de previsiones suplementarias"
        ),
        "Trade over time": ("Commerce dans le temps", "Comercio a lo largo del tiempo"),
        "Estimates and use over the years": (
            "Évaluations et utilisation au fil des ans", "Previsiones y uso a lo largo de los años"
        ),
        "imported and authorized against the estimate or assessment, by year": (
            "importé et autorisé par rapport à l'évaluation ou la prévision, par année",
            "importado y autorizado frente a la previsión o la evaluación, por año"
        ),
        "Alerts (90 % of a limit)": ("Alertes (90 % d'une limite)", "Alertas (90 % de un límite)"),
        "Export authorizations issued each month: exported and imported against authorized (the mark)": (
            "Autorisations d'exportation délivrées chaque mois : exporté et importé par rapport à l'autorisé (le trait)",
            "Autorizaciones de exportación expedidas cada mes: exportado e importado frente a lo autorizado (la marca)"
        ),
    ]

    static let accounts: [String: (french: String, spanish: String)] = [
        "Accounts": ("Comptes", "Cuentas"),
        "Enrol an account": ("Inscrire un compte", "Dar de alta una cuenta"),
        "Enrol": ("Inscrire", "Dar de alta"),
        "Enrolled": ("Inscrit", "Dada de alta"),
        "Revoke": ("Révoquer", "Revocar"),
        "Approve": ("Approuver", "Aprobar"),
        "Reject": ("Rejeter", "Rechazar"),
        "active": ("actif", "activa"),
        "revoked": ("révoqué", "revocada"),
        "awaiting the Board's approval": (
            "en attente de l'approbation de l'Organe", "pendiente de aprobación de la Junta"
        ),
        "It can connect once the Board approves it.": (
            "Il pourra se connecter une fois approuvé par l'Organe.", "Podrá conectarse cuando la Junta la apruebe."
        ),
        "Its certificate: give it to the person, to keep beside their key as cert.pem": (
            "Son certificat : remettez-le à la personne, à garder à côté de sa clé sous le nom cert.pem",
            "Su certificado: entréguelo a la persona, para guardarlo junto a su clave como cert.pem"
        ),
        "Certificate request (PEM)": ("Demande de certificat (PEM)", "Solicitud de certificado (PEM)"),
        "The person makes their key and a certificate request on their own machine (licit admin enroll does both; or openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN=NAME). Paste the request here: the key never leaves their machine.":
            (
                "La personne crée sa clé et une demande de certificat sur sa propre machine (licit admin enroll fait les deux ; ou openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN=NOM). Collez la demande ici : la clé ne quitte jamais sa machine.",
                "La persona crea su clave y una solicitud de certificado en su propia máquina (licit admin enroll hace ambas; o openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN=NOMBRE). Pegue aquí la solicitud: la clave nunca sale de su máquina."
            ),
        "account": ("compte", "cuenta"),
    ]

    static let training: [String: (french: String, spanish: String)] = [
        "Training": ("Formation", "Formación"),
        "Trainer": ("Formateur", "Formador"),
        "Trainees": ("Stagiaires", "Alumnos"),
        "Scenario": ("Scénario", "Escenario"),
        "scenario": ("scénario", "escenario"),
        "Start": ("Commencer", "Empezar"),
        "Score": ("Score", "Puntuación"),
        "score": ("score", "puntuación"),
        "progress": ("progression", "progreso"),
        "Your scenarios": ("Vos scénarios", "Sus escenarios"),
        "You play": ("Vous jouez", "Usted juega"),
        "you play": ("vous jouez", "usted juega"),
        "the bots play": ("les robots jouent", "los robots juegan"),
        "playing": ("en cours", "en curso"),
        "finished": ("terminé", "terminado"),
        "stopped": ("arrêté", "detenido"),
        "met": ("réussi", "cumplido"),
        "missed": ("manqué", "fallado"),
        "step": ("étape", "paso"),
        "expected": ("attendu", "esperado"),
        "outcome": ("résultat", "resultado"),
        "rule": ("règle", "regla"),
        "The scenario stopped": ("Le scénario s'est arrêté", "El escenario se detuvo"),
        "The scenario's page": ("La page du scénario", "La página del escenario"),
        "The trainer's page: every trainee": (
            "La page du formateur : tous les stagiaires", "La página del formador: todos los alumnos"
        ),
        "Every trainee of this sandbox, with their progress and score. Reload to refresh.": (
            "Tous les stagiaires de ce bac à sable, avec leur progression et leur score. Rechargez pour actualiser.",
            "Todos los alumnos de este entorno, con su progreso y su puntuación. Recargue para actualizar."
        ),
        "What was expected, and the rule it teaches": (
            "Ce qui était attendu, et la règle enseignée", "Lo que se esperaba, y la regla que enseña"
        ),
        "Use the inbox, the documents and the forms; this page and the box at the top of every page show what to do.": (
            "Utilisez la boîte de réception, les documents et les formulaires ; cette page et l'encadré en haut de chaque page indiquent quoi faire.",
            "Use la bandeja de entrada, los documentos y los formularios; esta página y el recuadro en la parte superior de cada página indican qué hacer."
        ),
        "Play a scenario as your country's signer. The bots play the other countries; follow the prompts (») with the console's pages, and see your score and the rules taught at the end.":
            (
                "Jouez un scénario en tant que signataire de votre pays. Les robots jouent les autres pays ; suivez les consignes (») avec les pages de la console, et voyez à la fin votre score et les règles enseignées.",
                "Juegue un escenario como firmante de su país. Los robots juegan los demás países; siga las indicaciones (») con las páginas de la consola, y vea al final su puntuación y las reglas enseñadas."
            ),
    ]
}
