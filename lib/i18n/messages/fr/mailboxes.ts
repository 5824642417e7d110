import type { mailboxes as en } from "../en/mailboxes";
import type { Translation } from "../../translation-shape";

export const mailboxes: Translation<typeof en> = {
  title: "Boîtes mail",
  intro:
    "Les boîtes mail de l’établissement depuis lesquelles les logiciels envoient, et l’état de la connexion de chacune. Chaque boîte se connecte par l’une des applications OAuth de l’établissement.",
  addButton: "Ajouter une boîte",
  startCampaign: "Lancer une campagne de reconnexion",
  importButton: "Importer un CSV",
  empty: "Aucune boîte mail pour l’instant. Ajoutez-en une, ou importez une liste.",
  emptyFiltered: "Aucune boîte mail ne correspond à ces filtres.",
  states: {
    pending: {
      label: "Pas encore connectée",
      fix: "Personne n’a encore connecté cette boîte. Envoyez un lien de connexion à sa ou son titulaire, ou connectez-la vous-même.",
      ownerFix:
        "Connectez-la pour que les logiciels de l’établissement puissent envoyer du courrier depuis cette adresse.",
    },
    connected: {
      label: "Connectée",
      fix: "Rien à faire : le courrier peut partir depuis cette boîte.",
      ownerFix: "Rien à faire.",
    },
    needs_reconnect: {
      label: "À reconnecter",
      fix: "Le fournisseur n’accepte plus son autorisation (mot de passe changé, accès retiré, ou inutilisée trop longtemps). Sa ou son titulaire doit la reconnecter ; son courrier attend en attendant.",
      ownerFix:
        "Le fournisseur n’accepte plus l’autorisation (mot de passe changé, accès retiré, ou inutilisée trop longtemps). Reconnectez-la ; le courrier attend que vous le fassiez.",
    },
    insufficient_scope: {
      label: "Autorisation incomplète",
      fix: "Elle a été autorisée sans une permission nécessaire à l’envoi (une case décochée sur l’écran de consentement). Connectez-la de nouveau en acceptant toutes les permissions.",
      ownerFix:
        "Une permission nécessaire à l’envoi n’a pas été accordée. Reconnectez-la en acceptant toutes les permissions demandées.",
    },
    revoked: {
      label: "Déconnectée",
      fix: "Quelqu’un l’a déconnectée et ses jetons ont été effacés. Connectez-la de nouveau pour envoyer depuis cette boîte.",
      ownerFix: "Elle a été déconnectée. Connectez-la de nouveau pour envoyer depuis cette boîte.",
    },
    config_error: {
      label: "Application OAuth refusée",
      fix: "Le fournisseur a refusé l’application OAuth de l’établissement elle-même (secret erroné ou expiré, application supprimée). Demandez à l’administrateur informatique de corriger la configuration ; reconnecter la boîte n’y change rien.",
      ownerFix:
        "Le fournisseur a refusé l’application OAuth de l’établissement. Demandez à l’administrateur informatique de la corriger ; vous n’avez rien à faire.",
    },
  },
  health: {
    title: "État de la connexion",
    healthy: "En bonne santé · se renouvelle seule",
    healthyIdle: "En bonne santé · se renouvelle seule · prend fin si inutilisée jusqu’au {date}",
    healthyAnnounced: "En bonne santé · le fournisseur y met fin le {date}",
    endingSoonIdle: "Prend fin le {date} si elle n’est pas utilisée d’ici là",
    endingSoonAnnounced: "Prend fin le {date}, comme l’a annoncé le fournisseur",
    healthyTesting:
      "En bonne santé · prend fin le {date} : l’application Google de l’établissement est en « Test »",
    endingSoonTesting: "Prend fin le {date} : l’application Google de l’établissement est en « Test »",
    disconnectedProviderKeeps:
      "Déconnectée ici · le fournisseur laisse peut-être encore entrer l’application de l’établissement",
    noRenewal: "Connectée pour l’instant seulement : elle ne peut pas se renouveler",
    noRenewalUntil: "Connectée jusqu’au {moment} seulement : elle ne peut pas se renouveler",
    retrying: "En bonne santé · son dernier renouvellement a échoué, Relais réessaie",
    retryingSince: "En bonne santé · renouvellement échoué le {date}, Relais réessaie",
    attemptFailed: "Connectée · la dernière tentative pour la reconnecter a été refusée",
    attemptFailedOn: "Connectée · une tentative pour la reconnecter a été refusée le {date}",
    pausedQuota: "Envoi suspendu jusqu’au {moment} : la limite d’envoi du fournisseur est atteinte",
    pausedThrottled: "Envoi suspendu jusqu’au {moment} : le fournisseur a demandé à Relais de ralentir",
    notConnected: "Pas encore connectée",
    needsReconnect: "À reconnecter",
    needsReconnectSince: "À reconnecter depuis le {date}",
    permissionMissing: "À reconnecter : la permission d’envoyer manque",
    needsConsent: "À reconnecter pour autoriser sa nouvelle façon d’envoyer",
    disconnected: "Déconnectée : rien n’est envoyé depuis cette boîte",
    applicationRefused: "Arrêtée : le fournisseur a refusé l’application OAuth de l’établissement",
    smtpAuthDisabled: "Envoi coupé par les réglages Microsoft de l’établissement",
    sendAsDenied: "Arrêtée : le délégué n’a pas le droit d’envoyer en tant que cette adresse",
    withWaiting: "{headline} : {count, plural, one {# courriel en attente} other {# courriels en attente}}",
    advice: {
      paused: "Rien à faire : son courrier repart de lui-même à la fin de la pause.",
      endingIdle:
        "Relais renouvelle chaque jour les connexions inutilisées, si bien que cette date devrait toujours reculer. Si elle approche, vérifiez que le renouvellement quotidien (tokens:keep-alive) s’exécute, ou reconnectez la boîte.",
      endingAnnounced:
        "Le fournisseur met fin à cette autorisation à cette date quoi qu’il arrive : reconnectez la boîte avant, ou envoyez un lien de connexion à sa ou son titulaire.",
      endingOwner: "Reconnectez-la avant cette date pour que son courrier continue de partir.",
      endingTesting:
        "L’application Google de l’établissement est en statut de publication « Test » : Google met fin à chaque connexion 7 jours après sa création. Dans la console Google Cloud (Google Auth Platform › Audience), publiez l’application, ou rendez-la interne si seuls les comptes de votre domaine Google Workspace l’utilisent ; puis reconnectez les boîtes.",
      endingTestingOwner:
        "Reconnectez-la avant cette date, et demandez à l’administrateur informatique de publier l’application Google de l’établissement pour que les connexions durent.",
      askAdmin:
        "Demandez à l’administrateur informatique de l’établissement de corriger cela : vous n’avez rien à faire.",
    },
    fixes: {
      connect: "Connecter",
      reconnect: "Reconnecter",
      sendConnectLink: "Envoyer un lien de connexion",
      sendReconnectLink: "Envoyer un lien de reconnexion",
      openConfiguration: "Ouvrir l’application OAuth",
      changeDelegate: "Changer de délégué",
      fixIt: "Comment corriger",
    },
    linkSent: "Lien envoyé, valable jusqu’au {date}.",
    linkNotMailed: "Le lien n’a pas pu être envoyé. Réessayez plus tard.",
    support: "Pour le support :",
    revocation: {
      pending:
        "Relais a effacé l’autorisation ici et redemandera au fournisseur de la retirer (il était injoignable).",
      refused: "Relais a effacé l’autorisation ici, mais le fournisseur a refusé de la retirer.",
      unconfirmed:
        "Relais a effacé l’autorisation ici, mais n’a pas pu obtenir du fournisseur la confirmation qu’il l’a retirée.",
      noEndpoint: "Relais a effacé l’autorisation ici ; ce fournisseur ne permet pas à Relais de la retirer.",
      steps: {
        google: {
          admin:
            "Demandez à la ou au titulaire du compte de supprimer l’application de l’établissement sur https://myaccount.google.com/permissions ; un administrateur Google Workspace peut aussi la retirer pour ce compte dans la console d’administration (Utilisateurs › le compte › Sécurité › Applications connectées).",
          owner:
            "Connectez-vous avec ce compte sur https://myaccount.google.com/permissions et supprimez l’application de l’établissement.",
        },
        microsoft: {
          admin:
            "Dans le centre d’administration Microsoft Entra, Applications d’entreprise › l’application de l’établissement › Utilisateurs et groupes, retirez ce compte ; ou demandez à sa ou son titulaire de supprimer l’application sur https://myapps.microsoft.com.",
          owner:
            "Supprimez l’application de l’établissement sur https://myapps.microsoft.com (la page « Applications » de votre compte) ; si elle n’y figure pas, demandez à l’administrateur Microsoft 365 de retirer votre accès (Applications d’entreprise).",
        },
        other: {
          admin:
            "Demandez à la ou au titulaire du compte de supprimer l’application de l’établissement dans les paramètres du compte chez le fournisseur.",
          owner:
            "Supprimez l’application de l’établissement dans les paramètres de ce compte chez le fournisseur.",
        },
      },
    },
  },
  filters: {
    legend: "Filtrer les boîtes mail",
    search: "L’adresse ou le nom contient",
    state: "État",
    anyState: "Tous les états",
    apply: "Filtrer",
    reset: "Effacer les filtres",
  },
  table: {
    select: "Sélectionner {address}",
    selectAll: "Sélectionner toutes les boîtes de cette page",
    address: "Adresse",
    name: "Nom",
    configuration: "Application OAuth",
    state: "État",
    members: "Attribuée à",
    expires: "Fin de l’autorisation",
    noMembers: "Personne",
    endsIfUnused: "si inutilisée d’ici là",
    endAnnounced: "annoncée par le fournisseur",
    endTesting: "application Google en « Test »",
    noKnownEnd: "Pas de fin fixée",
    linkOpen: "Lien de connexion valable jusqu’au {date}",
    total: "{count, plural, one {# boîte mail} other {# boîtes mail}}",
    totalCapped: "Plus de {count} boîtes mail",
  },
  pagination: {
    label: "Pages de boîtes mail",
    first: "Première page",
    previous: "Précédente",
    next: "Suivante",
    last: "Dernière page",
  },
  form: {
    title: "Ajouter une boîte mail",
    address: "Adresse de la boîte",
    addressHint:
      "L’adresse depuis laquelle le courrier partira, par exemple secretariat@etablissement.example.",
    name: "Nom affiché (facultatif)",
    nameHint: "Affiché dans la liste ; le courrier garde le nom que lui donne votre logiciel.",
    configuration: "Application OAuth",
    chooseConfiguration: "Choisir…",
    noConfiguration: "Cet établissement n’a pas encore d’application OAuth. Créez-en une d’abord :",
    noConfigurationLink: "Applications OAuth",
    members: "Attribuée à",
    membersHint: "Ces membres voient la boîte dans « Mes boîtes mail » et peuvent la connecter.",
    noMembers: "Aucun membre à choisir.",
    submit: "Ajouter la boîte",
    configurationRequired: "Choisissez une application OAuth.",
    configurationUnknown: "Cette application OAuth n’existe pas dans cet établissement.",
    addressTaken: "Cet établissement a déjà une boîte mail à cette adresse.",
    memberUnknown: "Une personne choisie n’est pas membre de cet établissement.",
    transport: "Envoyer par",
    transportSame: "Comme l’application : {transport}",
    transportHint:
      "En général, comme son application OAuth. Choisissez une autre voie pour cette seule boîte, par exemple Microsoft Graph là où Microsoft a désactivé SMTP AUTH pour elle.",
    transportInvalid: "Choisissez comment cette boîte envoie.",
    transportNotOffered: "Le fournisseur de cette application OAuth ne permet pas d’envoyer de cette façon.",
    transportNeedsApiBase:
      "Cette application OAuth n’a pas d’adresse de base d’API : ajoutez-en une avant d’envoyer par son API.",
    delegate: "Envoyée par un délégué (facultatif)",
    delegateHint:
      "Pour une adresse partagée comme secretariat@, à laquelle personne ne se connecte : le compte d’un membre du personnel qui a le droit « Envoyer en tant que » sur elle. Cette personne connecte la boîte avec son propre compte, et le courrier part toujours de l’adresse de cette boîte. Laissez vide quand le compte de la boîte elle-même la connecte.",
    delegateInvalid: "Saisissez l’adresse électronique du délégué, ou laissez le champ vide.",
    delegateSameAsAddress:
      "Un délégué est un autre compte que la boîte elle-même : laissez le champ vide quand le compte de la boîte la connecte.",
  },
  edit: {
    title: "Réglages",
    submit: "Enregistrer",
    saved: "Enregistré.",
    savedDisconnected:
      "Enregistré. La boîte est passée à une autre application OAuth, sa connexion a donc été effacée : sa ou son titulaire doit la connecter de nouveau.",
    moveWarning:
      "Choisir une autre application OAuth efface la connexion de cette boîte (ses jetons appartiennent à l’application qui les a émis) et demande au fournisseur de retirer l’ancienne autorisation.",
    delegateWarning:
      "Changer de délégué efface la connexion de cette boîte, qui était celle du compte précédent : le nouveau délégué doit la connecter.",
    savedDelegateChanged:
      "Enregistré. Le délégué a changé, la connexion a donc été effacée : le nouveau délégué doit maintenant la connecter.",
    savedReconsent:
      "Enregistré. Elle envoie désormais par {transport}, qui demande une autorisation pas encore accordée : connectez-la de nouveau (ou envoyez un lien de connexion). Son courrier attend jusque-là.",
  },
  assign: {
    title: "Membres attribués",
    submit: "Enregistrer l’attribution",
    saved: "Attribution enregistrée.",
  },
  delete: {
    button: "Supprimer cette boîte",
    confirm:
      "Supprimer {address} ? Ses jetons, ses attributions, ses liens de connexion et l’historique de ses envois sont supprimés avec elle, et le fournisseur est prié de retirer l’autorisation (Microsoft 365 ne le permet pas : sa ou son titulaire retire l’application de son compte).",
    confirmButton: "Oui, la supprimer",
    deleted: "La boîte mail {address} a été supprimée.",
    mailWaiting:
      "{count, plural, one {# courrier de cette boîte attend encore d’être envoyé.} other {# courriers de cette boîte attendent encore d’être envoyés.}} Annulez-les dans la file d’envoi, ou laissez-les partir, avant de la supprimer.",
  },
  created: {
    title: "Boîte aux lettres {address} ajoutée",
    intro:
      "Elle n’envoie rien tant qu’elle n’est pas connectée. Connectez-la vous-même en vous y identifiant, ou envoyez à sa ou son titulaire un lien pour le faire.",
    connect: "La connecter maintenant",
    sendLink: "Envoyer un lien de connexion à sa ou son titulaire",
    addAnother: "Ajouter une autre boîte",
  },
  page: {
    back: "Toutes les boîtes mail",
    backMine: "Mes boîtes mail",
    configuration: "Application OAuth",
    scopes: "Permissions",
    scopesIntro: "Ce que demande l’application OAuth, et ce que la ou le titulaire de la boîte a accordé.",
    scopeColumn: "Permission",
    scopeStatus: "Statut",
    scopeGranted: "Accordée",
    scopeMissing: "Manquante",
    scopeNotYet: "Pas encore accordée",
    scopeNotReported: "Accordée avec la connexion (pas signalée par tous les fournisseurs)",
    scopeLapsed: "Plus en vigueur",
    scopesRevoked:
      "La connexion a été révoquée : aucune de ces permissions n’est plus en vigueur tant que la boîte n’est pas connectée de nouveau.",
    scopesBroken:
      "Le fournisseur n’accepte plus cette autorisation : aucune de ces permissions n’est en vigueur tant que la boîte n’est pas reconnectée.",
    extraLapsed: "Également accordées auparavant, plus en vigueur : {scopes}",
    extraGranted: "Également accordées : {scopes}",
    members: "Attribuée à",
    device: "Utiliser un code d’appareil",
    deviceHint: "Pour une boîte dont la ou le titulaire se connecte depuis un autre appareil.",
    sendsThrough: "Envoie par",
    transportOwn: "{transport}, choix propre à cette boîte",
    transportInherited: "{transport}, comme son application OAuth",
    sentAs: "Envoyée en tant que {address} par {delegate}",
    delegateGone:
      "{delegate} n’autorise plus l’envoi en tant que {address} : il faut le reconnecter, ou qu’un administrateur désigne un autre délégué dans les réglages ci-dessous. Ses messages attendent.",
    memberView: "Vous voyez cette boîte parce qu’elle vous est attribuée.",
  },
  /** The preflight check of one mailbox (lib/mailboxes/run-preflight.ts): each step, then what to change. */
  preflight: {
    title: "Vérification préalable",
    intro:
      "Essaie la voie d’envoi de cette boîte sans rien envoyer : un jeton d’accès, ses autorisations et, en SMTP, une connexion au serveur du fournisseur.",
    button: "Lancer la vérification",
    running: "Vérification…",
    status: {
      passed: "Réussi",
      failed: "Échec",
      skipped: "Non essayé",
    },
    code: "Code pour le support : {code}",
    /** A step's name before its outcome. */
    stepTitle: "{title} :",
    steps: {
      token: "Jeton d’accès",
      scopes: "Autorisations",
      smtp: "Connexion SMTP",
      api: "API de messagerie",
      credentials: "Point de jeton et identifiants",
    },
    token: {
      passed: "Relais a obtenu un jeton d’accès pour cette boîte (renouvelé s’il allait expirer).",
      failed: "Relais n’a pas pu obtenir de jeton d’accès : la connexion est « {state} ».",
      transient: "Le fournisseur n’a pas pu être joint, ou a répondu par une erreur temporaire.",
      transientFix:
        "Relancez la vérification dans quelques minutes ; si cela dure, le fournisseur a peut-être un problème.",
    },
    scopes: {
      passed: "Son autorisation comprend toutes les permissions qu’exige l’envoi par {transport}.",
      failed: "Il manque à son autorisation une permission nécessaire à l’envoi : {scopes}.",
    },
    smtp: {
      passed: "Connexion réussie à {host} avec OAuth (XOAUTH2), puis déconnexion sans rien envoyer.",
      whereSmtpAuth:
        "Où : centre d’administration Microsoft 365 › Utilisateurs › Utilisateurs actifs › cette boîte › Courrier › Gérer les applications de messagerie › « SMTP authentifié ».",
      refused: "{host} a refusé le jeton d’accès de cette boîte.",
      refusedFix:
        "Reconnectez la boîte avec le compte à qui elle appartient (ou son délégué), en laissant toutes les permissions cochées.",
      invalidAddress: "L’adresse de cette boîte ne permet pas de se connecter en SMTP.",
      invalidAddressFix: "Corrigez l’adresse de la boîte, ou son délégué, dans ses réglages ci-dessous.",
      unreachable: "Relais n’a pas pu joindre le serveur SMTP {host}.",
      unreachableFix:
        "Un administrateur doit vérifier l’hôte, le port et la sécurité SMTP de l’application OAuth de l’établissement ; s’ils sont justes, réessayez plus tard.",
      skipped: "Non essayé : aucun jeton d’accès avec lequel se connecter.",
    },
    api: {
      graphPassed:
        "Microsoft Graph a accepté le jeton d’accès et atteint la boîte {address} ; rien n’a été envoyé.",
      graphShared:
        "Microsoft Graph a accepté le jeton d’accès de {delegate} et trouvé la boîte partagée {address}. Si {delegate} peut envoyer en son nom, Microsoft le dira au premier message.",
      graphUnread:
        "Microsoft Graph a accepté le jeton d’accès. L’autorisation ne comprend pas la lecture du profil (User.Read) : l’adresse de la boîte n’a pas été comparée.",
      graphSharedUnread:
        "Microsoft Graph a accepté le jeton d’accès du délégué. L’autorisation ne comprend pas la lecture du profil des autres utilisateurs (User.ReadBasic.All) : la boîte partagée n’a pas été cherchée.",
      gmailPassed: "L’API Gmail a accepté le jeton d’accès de {address} ; rien n’a été envoyé.",
      gmailUnread:
        "L’API Gmail a accepté le jeton d’accès. La seule permission d’envoi (gmail.send) ne permet pas de lire le profil du compte : son adresse n’a pas été comparée.",
      gmailAlias:
        "{address} est une adresse « Envoyer des e-mails en tant que » vérifiée de {delegate} : Gmail la gardera comme expéditeur.",
      aliasMissing:
        "{address} n’est pas une adresse « Envoyer des e-mails en tant que » vérifiée de {delegate} : Gmail enverrait depuis l’adresse de {delegate} à la place.",
      aliasMissingFix:
        "Dans Gmail, connecté en tant que {delegate} : Paramètres › Comptes › « Envoyer des e-mails en tant que » › ajouter {address} et la confirmer ; ou faire déléguer la boîte par un administrateur Google Workspace.",
      tokenRefused: "{api} a refusé le jeton d’accès de cette boîte.",
      notFound: "{api} ne connaît aucune boîte {address}.",
      notFoundFix:
        "Vérifiez l’adresse de la boîte (ou de son délégué) dans ses réglages ci-dessous, et que la boîte existe dans le Microsoft 365 ou le Google Workspace de l’établissement.",
      denied: "{api} a refusé l’accès à {address}.",
      deniedDelegateFix:
        "Un administrateur Microsoft 365 donne à {delegate} le droit « Envoyer en tant que » (ou « Envoyer de la part de ») sur {address} : centre d’administration Exchange › Destinataires › Boîtes aux lettres › {address} › Délégation ; puis relancez la vérification.",
      otherAccount: "Le jeton d’accès atteint {account}, et non {address}.",
      otherAccountFix:
        "Reconnectez la boîte en étant connecté en tant que {address} (ou son délégué) : c’est l’autorisation d’un autre compte qui a été donnée.",
      unexpected: "{api} a répondu d’une façon que Relais ne comprend pas.",
      unreachable: "Relais n’a pas pu joindre l’API de messagerie sur {host}.",
      unreachableFix:
        "Un administrateur doit vérifier l’adresse de l’API dans l’application OAuth de l’établissement ; si elle est juste, réessayez plus tard.",
    },
    consent: {
      fix: "Le consentement à l’application OAuth de l’établissement manque. Un administrateur Microsoft 365 de l’établissement (administrateur général, administrateur de rôle privilégié ou administrateur d’applications cloud) doit ouvrir le lien ci-dessous et accepter : il accorde à l’application, pour toute l’organisation, les permissions qu’elle demande (envoyer des messages au nom des boîtes qui y sont connectées). Relancez ensuite la vérification.",
      platformFix:
        "Le consentement à l’application OAuth de la plateforme (celle que Relais fournit) manque. Un administrateur Microsoft 365 de l’établissement (administrateur général, administrateur de rôle privilégié ou administrateur d’applications cloud) doit ouvrir le lien ci-dessous et accepter : il accorde à cette application, pour toute l’organisation, les permissions qu’elle demande (envoyer des messages au nom des boîtes qui y sont connectées). Relancez ensuite la vérification.",
      where:
        "Le lien ouvre la page de consentement de Microsoft ; l’administrateur s’y connecte avec son compte Microsoft 365. Un administrateur peut aussi l’accorder dans le centre d’administration Microsoft Entra › Applications d’entreprise › cette application › Autorisations.",
      link: "Accorder le consentement administrateur chez Microsoft",
    },
    last: {
      title: "Dernière vérification :",
      never: "Pas encore vérifiée : lancez la vérification, ou connectez la boîte.",
      passed: "{when}, {trigger} : toutes les étapes ont réussi.",
      failed: "{when}, {trigger} : échec à l’étape « {step} ».",
      triggers: {
        button: "lancée à la main",
        connect: "juste après la connexion",
        configuration: "depuis la vérification de l’application OAuth",
      },
    },
  },
  smtpAuthOff: {
    body: "Microsoft refuse que cette boîte se connecte à son serveur SMTP : SMTP AUTH (« SMTP authentifié ») est désactivé pour la boîte ou pour toute l’organisation Microsoft 365. Par SMTP, aucun courrier ne peut partir, avec OAuth ou sans ; son courrier attend. Soit un administrateur Exchange le réactive, soit la boîte envoie par Microsoft Graph, qui n’en a pas besoin.",
    ownerBody:
      "Microsoft a désactivé SMTP AUTH pour cette boîte : son courrier ne peut pas partir par SMTP et attend. L’administrateur informatique de l’établissement peut le réactiver, ou la faire envoyer par Microsoft Graph.",
    switchMailbox: "Envoyer cette boîte par Microsoft Graph",
    switchConfiguration: "Faire passer toute l’application OAuth à Graph",
    switchHint:
      "Microsoft Graph a besoin de l’autorisation Mail.Send : si elle n’a pas déjà été accordée, la boîte est connectée une fois de plus pour l’accorder, puis son courrier en attente part.",
    switched: "Cette boîte envoie désormais par Microsoft Graph ; son courrier en attente part.",
    switchedReconsent:
      "Cette boîte envoie désormais par Microsoft Graph. Connectez-la de nouveau pour accorder la nouvelle autorisation (ou envoyez un lien de connexion) ; son courrier en attente partira ensuite.",
  },
  needsConsent: {
    fix: "Elle envoie désormais par {transport}, qui demande une autorisation que sa ou son titulaire n’a pas encore accordée. Connectez-la de nouveau en acceptant toutes les autorisations, ou envoyez un lien de connexion ; son courrier attend jusque-là.",
    ownerFix:
      "L’établissement envoie désormais le courrier de cette boîte par {transport}, qui demande une autorisation de plus. Reconnectez-la en acceptant toutes les autorisations demandées ; son courrier attend jusque-là.",
  },
  connectLinks: {
    title: "Liens de connexion",
    intro:
      "Un lien de connexion permet à la ou au titulaire d’une boîte de la connecter sans compte Relais. Il est envoyé à l’adresse de la boîte elle-même (celui d’une boîte partagée, à son délégué), ne sert qu’une fois et remplace tout lien précédent non utilisé.",
    expiry: "Valable",
    days: "{days} jours",
    oneDay: "1 jour",
    send: "Envoyer des liens de connexion",
    sendSelected:
      "{count, plural, one {Envoyer un lien de connexion à la boîte sélectionnée} other {Envoyer des liens de connexion aux # boîtes sélectionnées}}",
    create: "Créer et envoyer un lien",
    noneSelected: "Sélectionnez au moins une boîte mail.",
    expiryRange: "Choisissez entre 1 et 30 jours.",
    sent: "{count, plural, one {# lien envoyé, valable} other {# liens envoyés, valables}} jusqu’au {date}.",
    notMailed: "Ceux-ci n’ont pas pu être envoyés : {addresses}. Renvoyez-les plus tard.",
    partFailed: "Non envoyés à {addresses} : {reason}",
    listTitle: "Liens de cette boîte",
    empty: "Aucun lien de connexion pour l’instant.",
    columns: {
      mailbox: "Boîte mail",
      created: "Créé le",
      createdBy: "Par",
      sentTo: "Envoyé à",
      expires: "Expire le",
      state: "État",
    },
    notSent: "Non envoyé",
    states: {
      valid: "Ouvert",
      expired: "Expiré",
      used: "Utilisé",
      revoked: "Révoqué",
      unknown: "Inconnu",
    },
    revoke: "Révoquer",
    revoked: "Le lien pour {address} a été révoqué.",
    notRevocable: "Ce lien a déjà été utilisé ou révoqué.",
    mail: {
      subject: "Connectez la boîte mail {address} pour {tenant}",
      reminderSubject: "Rappel : connectez la boîte mail {address} pour {tenant}",
      reminderLead:
        "Ceci est un rappel : {address} n’est toujours pas connectée. Le lien du message précédent ne fonctionne plus ; utilisez celui ci-dessous.",
      bodyDelegate:
        "Bonjour,\n\n{admin}, de {tenant}, vous demande de connecter la boîte mail partagée {address} à Relais, par lequel les logiciels de l’établissement envoient du courrier depuis cette adresse sans mot de passe. Vous avez été désigné·e comme la personne qui envoie en tant que {address}.\n\nOuvrez ce lien, connectez-vous avec votre propre compte, {delegate}, et acceptez :\n{link}\n\nIl vous sera demandé d’autoriser Relais à envoyer du courrier avec votre compte ; il n’envoie qu’en tant que {address}, ce que votre droit « Envoyer en tant que » sur cette boîte permet. Votre mot de passe n’est jamais transmis à Relais ni à l’établissement, et vous pouvez retirer cette autorisation à tout moment dans les réglages de votre compte.\n\nLe lien ne fonctionne qu’une fois, pendant {days} jours, jusqu’au {until}. Si vous n’attendiez pas ce message, ignorez-le, ou adressez-vous à l’administrateur informatique de {tenant}.",
      body: "Bonjour,\n\n{admin}, de {tenant}, vous demande de connecter la boîte mail {address} à Relais, par lequel les logiciels de l’établissement envoient du courrier depuis cette adresse sans mot de passe.\n\nOuvrez ce lien, connectez-vous à {address} et acceptez :\n{link}\n\nOn vous demandera d’autoriser Relais à envoyer du courrier au nom de {address}. Votre mot de passe n’est jamais communiqué à Relais ni à l’établissement, et vous pouvez retirer cette autorisation à tout moment dans les réglages de votre compte.\n\nLe lien ne sert qu’une fois, pendant {days} jours, jusqu’au {until}. Si vous n’attendiez pas ce message, ignorez-le, ou adressez-vous à l’administrateur informatique de {tenant}.",
    },
  },
  import: {
    title: "Importer des boîtes mail",
    intro:
      "Ajoutez de nombreuses boîtes d’un coup à partir d’un fichier CSV. Chaque ligne est d’abord vérifiée : si l’une est refusée, rien n’est importé, et un rapport indique les lignes à corriger.",
    columnsTitle: "Colonnes",
    columns: {
      address: "l’adresse de la boîte (obligatoire).",
      display_name: "un nom affiché dans la liste (facultatif).",
      configuration:
        "le nom de l’une des applications OAuth de l’établissement, tel qu’écrit dans leur liste (obligatoire).",
      members:
        "les adresses des membres à qui elle est attribuée, séparées par des points-virgules (facultatif).",
    },
    format:
      "La première ligne nomme les colonnes. Séparateur virgule ou point-virgule (les tableurs en français utilisent le point-virgule), encodage UTF-8 (« CSV UTF-8 » dans Excel), {rows} lignes et 1 Mio au plus.",
    example: "Télécharger un exemple",
    exampleFile: "boites-mail-exemple.csv",
    file: "Fichier CSV",
    submit: "Importer",
    imported: "{count, plural, one {# boîte mail importée.} other {# boîtes mail importées.}}",
    refused:
      "Rien n’a été importé : {count, plural, one {# ligne} other {# lignes}} sur {total} à corriger. Corrigez-les et importez de nouveau le fichier.",
    fileRefused: "Rien n’a été importé.",
    backToList: "Voir les boîtes mail",
    connectNext: "Envoyer des liens de connexion aux boîtes pas encore connectées",
    report: {
      caption: "Lignes à corriger",
      row: "Ligne",
      address: "Adresse",
      reason: "Pourquoi",
    },
    errors: {
      noFile: "Choisissez un fichier CSV.",
      tooLarge: "Le fichier dépasse 1 Mio. Découpez-le en plusieurs fichiers.",
      notUtf8:
        "Le fichier n’est pas en UTF-8. Dans Excel, enregistrez-le au format « CSV UTF-8 (délimité par des virgules) ».",
      unclosedQuote: "Un champ entre guillemets ouvert à la ligne {row} n’est jamais fermé.",
      empty: "Le fichier est vide : sa première ligne doit nommer les colonnes.",
      unknownColumn:
        "Colonne inconnue « {column} ». Les colonnes sont address, display_name, configuration et members.",
      duplicateColumn: "La colonne « {column} » apparaît deux fois.",
      missingColumn: "La colonne « {column} » manque dans la première ligne.",
      tooManyRows: "Le fichier a plus de {max} lignes. Découpez-le en plusieurs fichiers.",
      noRows: "Le fichier nomme ses colonnes mais ne contient aucune boîte.",
      changedMeanwhile:
        "Certaines de ces boîtes ont été ajoutées par quelqu’un d’autre entre-temps. Importez de nouveau le fichier.",
      failed: "Le fichier n’a pas pu être envoyé. Réessayez.",
    },
    problems: {
      tooManyFields: "Plus de champs que de colonnes (une virgule dans un nom doit être entre guillemets).",
      addressMissing: "L’adresse manque.",
      addressInvalid: "Ce n’est pas une adresse e-mail valide.",
      duplicateInFile: "Cette adresse figure déjà à la ligne {row}.",
      nameTooLong: "Le nom affiché dépasse 200 caractères.",
      configurationMissing: "L’application OAuth manque.",
      configurationUnknown: "Aucune application OAuth ne s’appelle « {name} » dans cet établissement.",
      alreadyExists: "Cet établissement a déjà cette boîte mail.",
      memberUnknown: "{email} n’est pas membre de cet établissement.",
    },
  },
  mine: {
    title: "Mes boîtes mail",
    intro:
      "Les boîtes mail de l’établissement qui vous sont attribuées. Connectez chacune pour que les logiciels de l’établissement puissent envoyer du courrier depuis elle, sans votre mot de passe.",
    empty: "Aucune boîte mail ne vous est attribuée dans {tenant}.",
    delegate:
      "Boîte partagée : connectez-la en vous identifiant avec {delegate} ; le courrier part ensuite de cette adresse.",
    device: "Utiliser un code d’appareil",
    details: "Détails",
  },
  connectPage: {
    title: "Connecter {address}",
    intro:
      "{tenant} vous demande de connecter cette boîte mail, pour que les logiciels de l’établissement puissent envoyer du courrier depuis elle sans votre mot de passe.",
    whatHappens: "Ce qui va se passer",
    steps: {
      signIn: "Vous vous connectez à {address} chez {provider}.",
      signInDelegate:
        "Vous vous connectez chez {provider} avec votre propre compte, {delegate}, qui a le droit d’envoyer en tant que {address}.",
      consent:
        "Vous autorisez Relais à envoyer du courrier au nom de cette adresse. Acceptez toutes les permissions demandées.",
      done: "Vous revenez ici, et la boîte est connectée. Relais ne voit jamais votre mot de passe, et vous pouvez retirer l’autorisation à tout moment.",
    },
    connect: "Connecter",
    device: "Utiliser plutôt un code d’appareil",
    deviceHint:
      "Si vous ne pouvez pas vous connecter dans ce navigateur, un code vous permet de le faire sur un autre appareil.",
    providers: {
      google: "Google",
      microsoft: "Microsoft",
      platform_microsoft: "Microsoft",
      custom: "votre fournisseur de messagerie",
    },
    states: {
      expired: {
        title: "Ce lien a expiré",
        body: "Demandez un nouveau lien à l’administrateur informatique de {tenant}.",
      },
      used: {
        title: "Ce lien a déjà servi",
        body: "La boîte a été connectée avec ce lien. S’il faut la reconnecter, demandez un nouveau lien à l’administrateur informatique de {tenant}.",
      },
      revoked: {
        title: "Ce lien a été retiré",
        body: "Un lien plus récent l’a peut-être remplacé. Demandez un nouveau lien à l’administrateur informatique de {tenant}.",
      },
      unknown: {
        title: "Ce lien ne fonctionne pas",
        body: "Il est peut-être incomplet ou n’existe plus. Demandez un nouveau lien à l’administrateur informatique de votre établissement.",
      },
    },
  },
};
