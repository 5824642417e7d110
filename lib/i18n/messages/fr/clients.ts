import type { clients as en } from "../en/clients";
import type { Translation } from "../../translation-shape";

export const clients: Translation<typeof en> = {
  title: "Applications OAuth",
  intro:
    "Les applications OAuth par lesquelles les boîtes aux lettres de l’établissement se connectent : celles que vous avez déclarées chez Google ou Microsoft, ou celle de la plateforme.",
  newButton: "Nouvelle application OAuth",
  empty: "Aucune application OAuth pour l’instant. Ajoutez-en une pour connecter des boîtes aux lettres.",
  providers: {
    google: "Google Workspace",
    microsoft: "Microsoft 365",
    platform_microsoft: "Microsoft 365 (application de la plateforme)",
    custom: "OAuth 2.0 personnalisé",
  },
  flows: {
    authorization_code: "Code d’autorisation (dans le navigateur)",
    device_code: "Code d’appareil (un code saisi sur un autre appareil)",
  },
  securities: { tls: "TLS (port 465)", starttls: "STARTTLS (port 587)" },
  transports: {
    smtp: "SMTP (XOAUTH2)",
    graph: "Microsoft Graph (sendMail)",
    gmail_api: "API Gmail (messages.send)",
  },
  /** Short names, where the full one does not fit (a select's first option on a phone). */
  transportsShort: {
    smtp: "SMTP",
    graph: "Graph",
    gmail_api: "API Gmail",
  },
  transportDescriptions: {
    smtp: "Le courrier part par le serveur SMTP du fournisseur, connecté avec le jeton OAuth de la boîte ; le fournisseur doit autoriser la connexion SMTP (SMTP AUTH) pour la boîte.",
    graph:
      "Le courrier est remis à l’API web de Microsoft en HTTPS : cela fonctionne même là où Microsoft a désactivé SMTP AUTH.",
    gmail_api:
      "Le courrier est remis à l’API web Gmail de Google en HTTPS, avec une autorisation plus restreinte (l’envoi seulement) que celle dont SMTP a besoin.",
  },
  list: {
    name: "Nom",
    provider: "Fournisseur",
    clientId: "ID client",
    flow: "Flux",
    mailboxes: "Boîtes",
    warnings: "Avertissements",
    lastTest: "Dernier test",
    platformClientId: "Application de la plateforme",
    warningsBadge: "{count} à vérifier",
    noWarnings: "Aucun",
    broken: "Refusée par le fournisseur",
    neverTested: "Jamais",
    secretExpiresIn: "Secret expirant dans {days, plural, one {# jour} other {# jours}}",
    secretExpiresToday: "Secret expirant aujourd’hui",
    secretExpired: "Secret expiré",
    edit: "Modifier",
    duplicate: "Dupliquer",
    delete: "Supprimer",
    test: "Tester",
    deleteConfirm: "Supprimer l’application OAuth « {name} » ? C’est définitif.",
    deleteConfirmButton: "La supprimer",
    deleted: "L’application OAuth « {name} » a été supprimée.",
    duplicated: "Copiée sous le nom « {name} ».",
  },
  duplicate: {
    copySuffix: "(copie)",
    copySuffixNumbered: "(copie {n})",
  },
  delete: {
    inUse:
      "{count, plural, one {# boîte aux lettres utilise} other {# boîtes aux lettres utilisent}} cette application : {addresses}. Rattachez-les à une autre application avant de la supprimer.",
    inUseMore:
      "{count} boîtes aux lettres utilisent cette application : {addresses} et {more} autres. Rattachez-les à une autre application avant de la supprimer.",
    inUseNow:
      "Une boîte aux lettres vient de commencer à utiliser cette application ; elle n’a donc pas été supprimée.",
  },
  errors: {
    platformUnavailable:
      "L’application Microsoft de la plateforme n’est pas configurée sur ce serveur. Demandez à l’opérateur de la plateforme, ou déclarez votre propre application.",
    secretUnreadable:
      "Le secret client enregistré ne peut pas être déchiffré avec les clés de ce serveur. Collez de nouveau le secret.",
  },
  new: {
    title: "Nouvelle application OAuth",
    choose: "Où l’application est-elle déclarée ?",
    change: "Choisir un autre fournisseur",
    google: {
      title: "Google Workspace",
      description: "Un client OAuth (application Web) que vous avez créé dans la console Google Cloud.",
      defaultName: "Google Workspace",
    },
    microsoft: {
      title: "Microsoft 365",
      description:
        "Une inscription d’application que vous avez créée dans le centre d’administration Microsoft Entra.",
      directory: "Annuaire",
      directoryHint:
        "L’ID de votre annuaire (tenant), organizations (tout compte professionnel ou scolaire) ou common (aussi les comptes personnels).",
      submit: "Utiliser Microsoft 365",
      defaultName: "Microsoft 365",
    },
    platform: {
      title: "L’application Microsoft de la plateforme",
      description:
        "Rien à déclarer chez Microsoft : les boîtes se connectent par l’application que l’opérateur de cette plateforme a configurée. Un administrateur de votre Microsoft 365 devra peut-être donner son consentement une fois.",
      defaultName: "Microsoft 365 (application de la plateforme)",
    },
    custom: {
      title: "Un autre fournisseur OAuth 2.0",
      description: "Saisissez vous-même tous les points de terminaison.",
      defaultName: "OAuth personnalisé",
    },
  },
  form: {
    sections: {
      application: "Application",
      endpoints: "Points de terminaison",
      access: "Accès",
      sending: "Envoi",
      smtp: "SMTP",
    },
    name: "Nom",
    nameHint: "Le nom de cette application dans Relais, par exemple « Google – personnel ».",
    provider: "Fournisseur",
    clientId: "ID client",
    clientSecret: "Secret client",
    clientSecretHint: "En écriture seule : une fois enregistré, il n’est plus jamais affiché.",
    clientSecretOptional:
      "Laissez-le vide pour un client public (Microsoft « Autoriser les flux de clients publics »).",
    secretSet: "Un secret est enregistré ; il se termine par {hint}.",
    secretKeep: "Laissez ce champ vide pour le conserver, ou saisissez un nouveau secret pour le remplacer.",
    newSecret: "Nouveau secret client",
    clearSecret: "Supprimer le secret enregistré",
    noSecret: "Aucun secret client n’est enregistré.",
    clientSecretExpiresOn: "Expiration du secret client",
    clientSecretExpiresOnHint:
      "Facultatif : la date d’expiration indiquée par le fournisseur à la création du secret (Microsoft : « Certificats et secrets », « Expire »). Relais prévient les administrateurs 60, 30 et 7 jours avant. Avec un nouveau secret, saisissez sa nouvelle date : sinon l’ancienne est effacée.",
    directory: "Annuaire Microsoft",
    authorizationEndpoint: "Point de terminaison d’autorisation",
    tokenEndpoint: "Point de terminaison de jeton",
    deviceEndpoint: "Point de terminaison d’autorisation d’appareil",
    deviceEndpointHint:
      "Pour Microsoft, déduit du point d’autorisation (authorize → devicecode) ; vous pouvez le modifier.",
    revocationEndpoint: "Point de terminaison de révocation",
    revocationEndpointHint:
      "Facultatif. Microsoft n’en a pas : une déconnexion supprime alors seulement les jetons ici.",
    scopes: "Autorisations (scopes)",
    scopesHint: "Une par ligne, ou séparées par des espaces.",
    defaultFlow: "Mode de connexion des boîtes",
    pkce: "Utiliser PKCE (recommandé ; obligatoire sans secret client)",
    keepAliveDays: "Renouveler les connexions inutilisées après (jours)",
    keepAliveDaysHint:
      "Relais renouvelle une connexion inutilisée depuis ce temps, pour que le fournisseur n’y mette pas fin. Laissez vide pour la valeur par défaut de ce fournisseur : {days} jours (au plus {max}).",
    googleTesting: "L’application est en statut de publication « Test » chez Google",
    googleTestingHint:
      "Google met fin aux connexions d’une application en Test 7 jours après leur création. Une fois l’application publiée (ou interne), décochez cette case.",
    transport: "Envoyer par",
    transportHint:
      "Comment les boîtes de cette application remettent leur courrier au fournisseur. Une boîte peut choisir une autre voie dans ses propres réglages.",
    transportScopesNote: "Choisir la voie d’envoi, plus haut, remplit les autorisations dont elle a besoin.",
    proposedTransport:
      "{transport} est choisi ci-dessous, avec les autorisations nécessaires. Enregistrez les modifications pour faire passer toutes les boîtes de cette application par cette voie.",
    apiBaseUrl: "Adresse de base de l’API",
    apiBaseUrlFixed: "L’adresse du fournisseur lui-même, fixe pour ce fournisseur.",
    apiBaseUrlHint:
      "L’adresse à partir de laquelle se font les appels à l’API de messagerie, par exemple https://graph.microsoft.com. Obligatoire pour envoyer par une API HTTP.",
    smtpServerHint:
      "Utilisé par les boîtes qui envoient par SMTP : celles de cette application, ou celles qui ont choisi SMTP dans leurs propres réglages.",
    smtpHost: "Serveur SMTP",
    smtpPort: "Port",
    smtpSecurity: "Sécurité",
    platformNote:
      "Cette application est l’application Microsoft de la plateforme (annuaire : {directory}). Son ID client, son secret et ses points de terminaison sont définis par l’opérateur de la plateforme.",
    submitCreate: "Ajouter l’application",
    submitSave: "Enregistrer les modifications",
    saved: "Enregistré.",
    savedReconsent:
      "Enregistré. {count, plural, one {# boîte a besoin} other {# boîtes ont besoin}} d’une nouvelle autorisation pour cette voie d’envoi : voir « Boîtes à reconnecter » en haut de la page.",
    errorsTitle: "L’application n’a pas été enregistrée :",
    fieldError: "{field} : {message}",
  },
  created: {
    title: "Application OAuth « {name} » ajoutée",
    intro:
      "Vérifiez maintenant que le fournisseur l’accepte, puis ajoutez les boîtes aux lettres qui se connecteront par elle.",
    test: "La tester maintenant",
    addMailbox: "Ajouter une boîte aux lettres",
    importMailboxes: "Importer des boîtes depuis un fichier",
  },
  page: {
    back: "Toutes les applications OAuth",
    mailboxes: "Boîtes aux lettres qui l’utilisent : {count}",
    broken:
      "Le fournisseur a refusé ce client le {when}. Vérifiez l’ID client et le secret, puis testez de nouveau.",
    warningsTitle: "À vérifier",
    readOnly: "Vous pouvez consulter cette application mais pas la modifier.",
    transport: "Envoie par {transport}",
  },
  reconsent: {
    title: "Boîtes à reconnecter",
    intro:
      "Cette application envoie désormais d’une façon qui demande une autorisation que les propriétaires de ces boîtes n’ont pas encore accordée. Leur courrier attend, et part dès que chacune est reconnectée avec la nouvelle autorisation.",
    count: "{count, plural, one {# boîte} other {# boîtes}}",
    by: "connectée par {delegate}",
    more: "et {count} de plus",
    send: "Envoyer des liens de reconnexion à toutes",
    sendHint:
      "Chaque lien est envoyé par courriel à la personne qui connecte la boîte ; il ne sert qu’une fois et remplace tout lien précédent non utilisé.",
    sending: "Envoi des liens de reconnexion… {done} sur {total}",
    sent: "{count, plural, one {# lien de reconnexion envoyé.} other {# liens de reconnexion envoyés.}}",
    alreadyConnected:
      "{count, plural, one {# boîte a été reconnectée} other {# boîtes ont été reconnectées}} entre-temps et n’a pas reçu de lien.",
    notMailed: "Ces liens n’ont pas pu être envoyés : {addresses}. Réessayez plus tard.",
  },
  switch: {
    apiBaseUrlMissing:
      "Cette application n’a pas d’adresse de base d’API. Modifiez-la pour en saisir une avant d’envoyer par une API HTTP.",
  },
  redirect: {
    label: "URI de redirection",
    hint: "Déclarez cette adresse dans la console du fournisseur exactement telle qu’elle est affichée : les fournisseurs la comparent caractère par caractère.",
    copy: "Copier",
    copied: "Copiée",
    copyFailed: "Copie impossible : sélectionnez l’adresse et copiez-la vous-même.",
  },
  help: {
    title: "Comment déclarer l’application",
    google: {
      summary: "Chez Google (console Google Cloud)",
      step1:
        "Ouvrez console.cloud.google.com, créez un projet (un nom sans accents : les utilisateurs ne le voient jamais) et vérifiez qu’il est sélectionné.",
      step2: "Dans « API et services » → « Bibliothèque », cherchez « Gmail API » et activez-la.",
      step3:
        "Dans « Écran de consentement OAuth », choisissez « Interne » pour un établissement Google Workspace (seuls les comptes de votre domaine peuvent se connecter), ou « Externe » puis publiez l’application.",
      step3Warning:
        "Ne laissez pas l’application au statut « En test » : Google fait alors expirer les jetons d’actualisation au bout de 7 jours, et chaque boîte devrait se reconnecter chaque semaine.",
      step4:
        "Pour envoyer par SMTP : dans les champs d’application (« Accès aux données »), choisissez « Ajouter ou supprimer des champs d’application », collez https://mail.google.com/ sous « Ajouter manuellement des champs d’application », ajoutez-le au tableau et enregistrez. L’autorisation gmail.send ne suffit pas pour SMTP.",
      step4Api:
        "Pour envoyer par l’API Gmail : ajoutez plutôt https://www.googleapis.com/auth/gmail.send de la même façon (elle ne permet que l’envoi), et vérifiez que l’API Gmail est activée (étape 2).",
      step5:
        "Dans « Identifiants », choisissez « Créer des identifiants » → « ID client OAuth », type d’application « Application Web ».",
      step6: "Sous « URI de redirection autorisés », ajoutez exactement cette adresse : {redirectUri}",
      step7:
        "Créez-le, puis copiez l’ID client et le secret client affichés dans ce formulaire. Choisissez le modèle Google Workspace : les points de terminaison et les autorisations sont remplis pour vous.",
    },
    microsoft: {
      summary: "Chez Microsoft (centre d’administration Microsoft Entra)",
      step1:
        "Ouvrez entra.microsoft.com → « Identité » → « Applications » → « Inscriptions d’applications » → « Nouvelle inscription ».",
      step2:
        "Donnez-lui un nom et choisissez les types de comptes pris en charge : « Comptes dans cet annuaire d’organisation uniquement » (utilisez alors l’ID de votre annuaire ici) ou « Comptes dans un annuaire d’organisation » (utilisez alors organizations).",
      step3:
        "Sous « URI de redirection », choisissez la plateforme « Web » et collez exactement cette adresse : {redirectUri}",
      step4:
        "Pour envoyer par SMTP : dans « Autorisations d’API », choisissez « Ajouter une autorisation » → « API utilisées par mon organisation » → « Office 365 Exchange Online » → « Autorisations déléguées » → SMTP.Send. Ajoutez aussi offline_access, openid et email (Microsoft Graph, déléguées).",
      step4Graph:
        "Pour envoyer par Microsoft Graph : dans « Autorisations d’API », choisissez « Ajouter une autorisation » → « Microsoft Graph » → « Autorisations déléguées » → Mail.Send, et Mail.Send.Shared quand un délégué envoie au nom de boîtes partagées. Ajoutez aussi offline_access, openid et email.",
      step5:
        "Toujours dans « Autorisations d’API », choisissez « Accorder un consentement d’administrateur » pour votre organisation.",
      step6:
        "Dans « Certificats et secrets », créez un nouveau secret client et copiez tout de suite sa « Valeur » (pas son « ID de secret »). Notez sa date d’expiration : à cette date, les boîtes cessent d’envoyer jusqu’à ce qu’un nouveau secret soit collé ici.",
      step6Alternative:
        "Sans secret : dans « Authentification », réglez « Autoriser les flux de clients publics » sur Oui et laissez le secret client vide ici (PKCE protège l’échange). Le flux par code d’appareil a aussi besoin de ce réglage.",
      step7:
        "Dans « Vue d’ensemble », copiez l’« ID d’application (client) » dans ID client, et l’« ID de l’annuaire (locataire) » dans l’annuaire si vous avez choisi un seul annuaire.",
      note: "Par SMTP seulement : les boîtes doivent aussi avoir SMTP AUTH (« SMTP authentifié ») activé dans le centre d’administration Exchange ; sinon Microsoft les refuse à l’envoi (535 5.7.139). Microsoft Graph n’en a pas besoin.",
    },
  },
  /** The application's preflight (lib/preflight/run-configuration-preflight.ts). */
  preflight: {
    title: "Vérification préalable",
    intro:
      "Teste le point de jeton et les identifiants, puis une boîte connectée de cette application : son jeton d’accès, ses autorisations et une connexion (SMTP) ou une lecture de l’API de messagerie, sans rien envoyer.",
    mailbox: "Boîte à vérifier",
    firstConnected: "La première boîte connectée",
    button: "Lancer la vérification",
    running: "Vérification…",
    checkedChosen: "Vérifié avec {address}.",
    checkedFirst: "Vérifié avec {address}, la première boîte connectée de cette application.",
    noMailbox:
      "Aucune boîte de cette application n’est encore connectée : seuls le point de jeton et les identifiants ont été vérifiés. Connectez une boîte pour vérifier aussi sa connexion.",
  },
  test: {
    button: "Tester cette application",
    running: "Test en cours…",
    explanation:
      "Relais envoie au point de terminaison de jeton un code d’autorisation inventé, avec cet ID client et ce secret. Un fournisseur qui reconnaît le client ne refuse que le code : c’est une réussite.",
    lastTested: "Dernier test le {when} :",
    never: "Pas encore testée.",
    passed: "Réussi",
    failed: "Échoué",
    providerSaid: "Le fournisseur a répondu « {error} ».",
    providerSaidAadsts: "Le fournisseur a répondu « {error} » (AADSTS{code}).",
    status: "Statut HTTP {status}.",
    outcomes: {
      ok: "Le point de terminaison et les identifiants du client sont bons : le fournisseur a reconnu ce client et n’a refusé que le code de test inventé, comme prévu.",
      secret_invalid:
        "Le secret client est faux : le fournisseur ne l’accepte pas pour cet ID client. Collez de nouveau la valeur du secret (dans Entra, la colonne « Valeur », pas l’« ID de secret »).",
      secret_expired:
        "Le secret client a expiré. Créez-en un nouveau dans la console du fournisseur et collez-le ici.",
      secret_required:
        "Le fournisseur exige un secret client pour cette application et aucun n’est enregistré. Collez-en un, ou autorisez les flux de clients publics dans les réglages d’authentification de l’application.",
      app_not_found:
        "Le fournisseur ne connaît aucune application avec cet ID client dans cet annuaire. Vérifiez l’ID client, et l’annuaire dans les points de terminaison.",
      invalid_client: "Le fournisseur a refusé le client : l’ID client ou le secret client est faux.",
      unauthorized_client:
        "Le fournisseur connaît ce client mais ne l’autorise pas à utiliser le flux par code d’autorisation. Vérifiez le type et la plateforme de l’application dans la console du fournisseur.",
      redirect_uri_mismatch:
        "Le client est reconnu, mais l’URI de redirection n’est pas déclaré exactement comme sur cette page. Ajoutez-le aux URI de redirection de l’application.",
      consent_required:
        "Le client est accepté, mais il manque un consentement : un administrateur doit consentir aux autorisations demandées.",
      unexpected_success:
        "Le point de terminaison a accepté un code inventé et renvoyé un jeton : un vrai fournisseur OAuth ne le fait jamais. Vérifiez le point de terminaison de jeton.",
      not_json:
        "L’adresse a répondu par autre chose qu’une réponse OAuth (une page HTML, par exemple). Vérifiez le point de terminaison de jeton.",
      server_error:
        "Le fournisseur a un problème de son côté (erreur du serveur ou surcharge). Réessayez dans quelques minutes.",
      unexpected_response:
        "Le fournisseur a répondu d’une façon que Relais ne comprend pas. Vérifiez le point de terminaison de jeton et l’ID client.",
      refused_invalid_url:
        "Le point de terminaison de jeton n’est pas une adresse valide. Relais ne l’a pas appelé.",
      refused_not_https:
        "Le point de terminaison de jeton doit commencer par https://. Relais ne l’a pas appelé.",
      refused_numeric_host:
        "Le serveur du point de terminaison de jeton est écrit sous une forme numérique inhabituelle. Écrivez plutôt son nom. Relais ne l’a pas appelé.",
      refused_blocked_address:
        "Le point de terminaison de jeton mène à un réseau privé ou réservé. Relais n’appelle que des serveurs publics et ne l’a pas appelé.",
      redirect_refused:
        "Le point de terminaison de jeton a répondu par une redirection, que Relais ne suit jamais. Saisissez l’adresse finale du point de terminaison de jeton.",
      too_large: "La réponse du point de terminaison de jeton était bien trop grande pour une réponse OAuth.",
      timeout:
        "Le point de terminaison de jeton n’a pas répondu en 10 secondes. Vérifiez l’adresse, ou réessayez plus tard.",
      dns_failed: "Le nom du serveur du point de terminaison de jeton n’existe pas. Vérifiez l’adresse.",
      connect_failed:
        "Le point de terminaison de jeton est injoignable (connexion refusée, ou problème de connexion sécurisée).",
      platform_unavailable:
        "L’application Microsoft de la plateforme n’est plus configurée sur ce serveur. Demandez à l’opérateur de la plateforme, ou utilisez votre propre application.",
      secret_unreadable:
        "Le secret client enregistré ne peut pas être déchiffré avec les clés de ce serveur. Collez de nouveau le secret.",
    },
  },
  validation: {
    nameRequired: "Donnez un nom à cette application.",
    nameTooLong: "Le nom est trop long (100 caractères au plus).",
    providerInvalid: "Choisissez un fournisseur.",
    clientIdRequired: "Saisissez l’ID client indiqué dans la console du fournisseur.",
    clientIdTooLong: "Cet ID client est trop long.",
    secretTooLong: "Ce secret client est trop long.",
    secretRequired: "Google exige le secret client d’une application Web.",
    urlRequired: "Saisissez l’adresse de ce point de terminaison.",
    urlInvalid: "Cette adresse n’est pas valide. Collez l’URL complète, commençant par https://.",
    urlNotHttps: "L’adresse doit commencer par https://.",
    urlHasCredentials: "L’adresse ne doit contenir ni nom d’utilisateur ni mot de passe.",
    urlNumericHost:
      "Écrivez le nom du serveur ou son adresse habituelle (quatre nombres séparés par des points).",
    urlPrivateHost:
      "Cette adresse désigne un réseau privé ou réservé ; Relais n’appelle que des serveurs publics.",
    scopesRequired: "Saisissez au moins une autorisation (scope).",
    scopeInvalid: "Une autorisation contient un caractère interdit (guillemets ou barre oblique inverse).",
    scopesTooMany: "Il y a trop d’autorisations (50 au plus).",
    flowInvalid: "Choisissez comment les boîtes aux lettres sont connectées.",
    pkceInvalid: "Indiquez s’il faut utiliser PKCE.",
    pkceRequiredWithoutSecret: "Sans secret client, PKCE doit rester activé.",
    deviceEndpointRequired:
      "Le flux « appareil » nécessite un point de terminaison d’appareil ; il ne peut pas être déduit de ce point d’autorisation.",
    googleDeviceMailScope:
      "Google n’autorise pas les autorisations de messagerie dans le flux « appareil ». Utilisez le flux par code d’autorisation.",
    smtpHostInvalid: "Saisissez le nom du serveur SMTP, par exemple smtp.gmail.com.",
    smtpHostPrivate:
      "Ce serveur SMTP est sur un réseau privé ou réservé ; Relais ne se connecte qu’à des serveurs publics.",
    smtpPortInvalid: "Saisissez un port entre 1 et 65535 (en général 465 ou 587).",
    smtpSecurityInvalid: "Choisissez TLS ou STARTTLS.",
    nameTaken: "Une autre application OAuth de cet établissement porte déjà ce nom.",
    directoryInvalid: "Saisissez un ID d’annuaire (tenant), organizations ou common.",
    platformUnavailable: "L’application Microsoft de la plateforme n’est pas configurée sur ce serveur.",
    clientIdHasConnections:
      "Des boîtes sont connectées par cette application : leurs autorisations lui appartiennent. Pour utiliser une autre application, dupliquez celle-ci avec le nouvel ID client, puis déplacez les boîtes vers la copie (Boîtes mail › Agir sur plusieurs boîtes › Passer à une autre application OAuth) : leurs autorisations ici sont retirées et leurs propriétaires se reconnectent.",
    clientIdWithdrawing:
      "Des autorisations données à cette application sont encore en cours de retrait auprès du fournisseur, que les workers relancent. L’ID client pourra changer une fois ce retrait fait.",
    secretReplaceOrClear: "Saisissez un nouveau secret ou supprimez celui qui est enregistré, pas les deux.",
    transportInvalid: "Choisissez comment les boîtes de cette application envoient.",
    transportNotOffered: "Ce fournisseur ne propose pas cette voie d’envoi.",
    apiBaseUrlRequired: "Saisissez l’adresse de base de l’API : l’envoi par une API HTTP en a besoin.",
    keepAliveDaysInvalid:
      "Saisissez un nombre entier de jours dans les limites du fournisseur (Microsoft : 1 à 80 ; Google : 1 à 150), ou laissez vide.",
    secretExpiryInvalid:
      "Saisissez une date réelle (par exemple 2027-03-03), à 10 ans au plus, ou laissez le champ vide.",
  },
  secretExpiry: {
    expiresIn: "Le secret client expire le {date} — dans {days, plural, one {# jour} other {# jours}}.",
    expiresToday: "Le secret client expire aujourd’hui, {date}.",
    expired: "Le secret client a expiré le {date}.",
    seenExpired: "Le secret client a expiré : le fournisseur l’a refusé comme expiré le {date}.",
    fix: {
      microsoft:
        "Créez un nouveau secret client dans le portail Azure (centre d’administration Microsoft Entra › Inscriptions d’applications › cette application › Certificats et secrets), puis collez sa valeur, avec sa date d’expiration, dans les réglages de cette application dans Relais.",
      google:
        "Créez un nouveau secret client dans la console Google Cloud (Google Auth Platform › Clients › ce client), puis collez-le, avec sa date d’expiration, dans les réglages de cette application dans Relais.",
      other:
        "Créez un nouveau secret client chez le fournisseur, puis collez-le, avec sa date d’expiration, dans les réglages de cette application dans Relais.",
    },
  },
  mail: {
    secretExpiring: {
      subjectOne: "{tenant} : le secret client de « {name} » expire le {date}",
      subjectMany: "{tenant} : {count} secrets clients expirent bientôt",
      line: "- {name} : son secret client expire le {date}, dans {days, plural, one {# jour} other {# jours}}. {fix}\n  {link}",
      body: "Quand le secret client d’une application OAuth expire, le fournisseur refuse l’application, et toutes les boîtes de {tenant} qui se connectent par elle cessent d’envoyer jusqu’à ce qu’un nouveau secret soit enregistré :\n\n{configurations}\n",
    },
  },
  warnings: {
    googleMailScopeMissing:
      "Sans l’autorisation https://mail.google.com/, l’envoi par SMTP échouera (gmail.send ne suffit pas).",
    googleUnexpectedHost:
      "Ce ne sont pas les adresses habituelles de Google (accounts.google.com et oauth2.googleapis.com). Vérifiez-les.",
    microsoftSmtpScopeMissing:
      "Sans l’autorisation https://outlook.office.com/SMTP.Send, l’envoi par SMTP échouera.",
    gmailSendScopeMissing:
      "Sans l’autorisation https://www.googleapis.com/auth/gmail.send, l’envoi par l’API Gmail échouera.",
    graphMailSendScopeMissing:
      "Sans l’autorisation https://graph.microsoft.com/Mail.Send, l’envoi par Microsoft Graph échouera.",
    microsoftOfflineAccessMissing:
      "Sans l’autorisation offline_access, Microsoft n’envoie pas de jeton d’actualisation : les boîtes se déconnecteront au bout d’une heure.",
    microsoftUnexpectedHost:
      "Les adresses de Microsoft sont normalement sur login.microsoftonline.com. Vérifiez-les.",
    smtpPortUnusual: "Ce port SMTP est inhabituel. Les fournisseurs utilisent 465 (TLS) ou 587 (STARTTLS).",
    smtpSecurityMismatch: "Le port 465 utilise normalement TLS, et les ports 25, 587 et 2525 STARTTLS.",
    platformUnavailable:
      "L’application Microsoft de la plateforme n’est plus configurée sur ce serveur : les boîtes ne peuvent pas se connecter par elle.",
    googleTesting:
      "Cette application Google est déclarée en statut de publication « Test » : Google met fin à la connexion de chaque boîte 7 jours après sa création. Dans la console Google Cloud (Google Auth Platform › Audience), publiez l’application, ou rendez-la interne si seuls les comptes de votre domaine Google Workspace l’utilisent ; puis reconnectez les boîtes et décochez « Test » ci-dessous.",
    googleTestingDetected:
      "Des boîtes de cette application OAuth ont perdu leur connexion environ 7 jours après avoir été connectées : l’application Google semble en statut de publication « Test », où Google met fin à chaque connexion au bout de 7 jours. Dans la console Google Cloud (Google Auth Platform › Audience), publiez-la, ou rendez-la interne si seuls les comptes de votre domaine Google Workspace l’utilisent ; puis reconnectez ces boîtes. Si elle est déjà publiée, décochez « Test » ci-dessous et enregistrez.",
  },
};
