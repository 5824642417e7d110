import type { Translation } from "../../translation-shape";
import type { outbox as en } from "../en/outbox";

export const outbox: Translation<typeof en> = {
  title: "Boîte d’envoi",
  intro:
    "Les messages envoyés depuis les boîtes de l’établissement, du plus récent au plus ancien : où en est chacun et ce que le serveur a répondu.",
  composeButton: "Écrire un message",
  statuses: {
    queued: "En attente",
    sending: "En cours d’envoi",
    sent: "Envoyé",
    held: "Retenu",
    failed: "Échec",
    cancelled: "Annulé",
  },
  filters: {
    legend: "Filtrer la boîte d’envoi",
    status: "État",
    anyStatus: "Tous les états",
    mailbox: "Boîte",
    anyMailbox: "Toutes les boîtes",
    credential: "Compte de relais",
    anyCredential: "Tous les expéditeurs",
    search: "Objet ou destinataire",
    apply: "Filtrer",
    reset: "Effacer les filtres",
  },
  columns: {
    created: "Mis en file le",
    from: "De",
    to: "À",
    subject: "Objet",
    status: "État",
    attempts: "Tentatives",
    source: "Envoyé par",
  },
  sources: { portal: "Portail", api: "API", relay: "Relais SMTP" },
  empty: "Aucun message ne correspond.",
  none: "Aucun message pour l’instant : ce que l’établissement envoie par Relais apparaîtra ici.",
  countLabel: "{status} :",
  moreRecipients: "+{count} autres",
  pagination: { label: "Pages de la boîte d’envoi", newer: "Plus récents", older: "Plus anciens" },
  actions: {
    retry: "Réessayer",
    cancel: "Annuler",
    retried: "Le message est de nouveau en attente.",
    cancelled: "Le message a été annulé.",
  },
  reasons: {
    mailboxPending: "Retenu : sa boîte n’est pas encore connectée.",
    mailboxNeedsReconnect: "Retenu : sa boîte doit être reconnectée par sa ou son titulaire.",
    mailboxInsufficientScope: "Retenu : l’autorisation de sa boîte n’inclut pas la permission d’envoyer.",
    mailboxConfigError: "Retenu : le fournisseur a refusé l’application OAuth de l’établissement.",
    mailboxRevoked: "Annulé : la connexion de sa boîte a été révoquée.",
    mailboxPaused: "Retenu : l’envoi depuis sa boîte est suspendu après la limite d’envoi du fournisseur.",
    smtpAuthDisabled: "Retenu : Microsoft a désactivé SMTP AUTH pour sa boîte.",
    sendAsDenied: "Retenu : le délégué n’a pas le droit d’envoyer en tant que cette adresse.",
    quota: "Retenu : sa boîte a atteint la limite d’envoi du fournisseur ; il part à la fin de la pause.",
    throttled: "En attente : le fournisseur a demandé à Relais de ralentir ; il sera réessayé de lui-même.",
    apiConcurrency:
      "En attente de son tour : le fournisseur ne prend que quelques courriels à la fois d’une même boîte.",
    cancelled: "Annulé par une personne de l’établissement.",
    attemptsExhausted:
      "Échec : chaque tentative a rencontré une erreur temporaire, et Relais a cessé d’essayer.",
    rejected: "Échec : le serveur de messagerie l’a refusé.",
    temporary: "La dernière tentative a échoué pour une raison temporaire ; Relais réessaie de lui-même.",
  },
  fixes: {
    reconnect: "Reconnecter la boîte",
    sendReconnectLink: "Envoyer un lien de reconnexion",
    openMailbox: "Ouvrir la boîte pour corriger",
  },
  attemptOutcomes: {
    sent: "Envoyé",
    temporary: "Erreur temporaire, réessayé",
    permanent: "Refusé par le serveur",
    auth: "Connexion refusée",
    quota: "Limite d’envoi atteinte",
    config: "Refusé par un réglage chez le fournisseur",
    held: "Retenu pour la boîte",
    lease_lost: "Interrompu, repris par un autre processus d’envoi",
    pending: "En cours",
  },
  detail: {
    back: "Retour à la boîte d’envoi",
    messageId: "Message-ID",
    from: "De",
    to: "À",
    cc: "Cc",
    bcc: "Cci",
    created: "Mis en file le",
    nextAttempt: "Prochaine tentative",
    sentAt: "Envoyé le",
    lastError: "Dernière erreur",
    smtpResponse: "Réponse du serveur",
    refusedRecipients: "Destinataires refusés",
    partiallySent:
      "Envoyé aux autres destinataires ; le serveur a refusé {count, plural, one {# destinataire} other {# destinataires}} (ci-dessous). Vérifiez l’adresse auprès de son titulaire.",
    attachments: "Pièces jointes",
    source: "Envoyé par",
    relayCredential: "Compte de relais",
    clientIp: "Adresse de l’appareil",
    content: "Contenu",
    history: "Tentatives",
    noAttempts: "Aucune tentative pour l’instant.",
    attempt: {
      number: "No",
      started: "Début",
      outcome: "Résultat",
      answer: "Réponse SMTP",
    },
  },
  compose: {
    title: "Écrire un message",
    intro: "Le message part de la boîte choisie, par son fournisseur, comme s’il y avait été écrit.",
    mailbox: "De",
    noMailbox:
      "Vous n’avez aucune boîte depuis laquelle envoyer. Un administrateur peut vous en attribuer une.",
    to: "À",
    cc: "Cc",
    bcc: "Cci",
    addressesHint: "Adresses séparées par des virgules.",
    subject: "Objet",
    text: "Texte",
    html: "HTML (facultatif)",
    attachments: "Pièces jointes",
    attachmentsHint: "Jusqu’à {size} au total.",
    sendAt: "Envoyer le (facultatif, heure de {timeZone})",
    submit: "Mettre en file",
    queued: "Le message est en attente d’envoi.",
    held: "Le message est en file mais retenu : sa boîte ne peut pas envoyer pour l’instant.",
    view: "Le voir dans la boîte d’envoi",
    option: "{state} — {mailbox}",
    senderHealth: "État de la boîte choisie",
    /** Shown when the form comes back with what was typed before leaving (to reconnect the mailbox). */
    draftRestored: "Votre brouillon est revenu : il a été gardé dans cet onglet pendant votre absence.",
    draftAttachments: "Choisissez à nouveau les pièces jointes.",
  },
  sendability: {
    short: {
      ready: "Prête",
      paused: "En pause",
      not_connected: "Pas encore connectée",
      reconnect: "À reconnecter",
      configuration: "Arrêtée",
      smtp_auth: "Arrêtée",
      send_as: "Arrêtée",
      disconnected: "Déconnectée",
    },
    cannotSend: "Cette boîte ne peut pas envoyer pour l’instant",
    neverSends: "Rien ne peut être envoyé depuis cette boîte",
    before: {
      paused:
        "Un message mis en file maintenant attend, et part de lui-même après le {moment}, à la fin de la pause.",
      not_connected:
        "Un message mis en file maintenant attend que {address} soit connectée, puis part de lui-même.",
      reconnect:
        "Un message mis en file maintenant attend que {address} soit reconnectée, puis part de lui-même.",
      configuration:
        "Un message mis en file maintenant attend qu’un administrateur corrige l’application OAuth de l’établissement, puis part de lui-même.",
      smtp_auth:
        "Un message mis en file maintenant attend que SMTP AUTH soit réactivé pour {address}, ou qu’elle envoie par Microsoft Graph.",
      send_as:
        "Un message mis en file maintenant attend que le délégué soit autorisé à envoyer en tant que {address}.",
    },
    held: {
      paused:
        "Le message est en file mais retenu : il part de lui-même après le {moment}, à la fin de la pause.",
      not_connected:
        "Le message est en file mais retenu : il attend que {address} soit connectée, puis part de lui-même.",
      reconnect:
        "Le message est en file mais retenu : il attend que {address} soit reconnectée, puis part de lui-même.",
      configuration:
        "Le message est en file mais retenu : il attend qu’un administrateur corrige l’application OAuth de l’établissement, puis part de lui-même.",
      smtp_auth:
        "Le message est en file mais retenu : il attend que SMTP AUTH soit réactivé pour {address}, ou qu’elle envoie par Microsoft Graph.",
      send_as:
        "Le message est en file mais retenu : il attend que le délégué soit autorisé à envoyer en tant que {address}.",
    },
    refusedBefore:
      "{address} est déconnectée : un message depuis cette boîte serait refusé. Connectez-la d’abord, ou choisissez une autre boîte.",
    refused:
      "{address} est déconnectée : rien ne peut en partir tant qu’elle n’est pas connectée de nouveau. Rien n’a été mis en file.",
    refusedField: "Cette boîte est déconnectée : connectez-la de nouveau, ou choisissez-en une autre.",
    openMailbox: "Ouvrir la page de la boîte",
  },
  testMail: {
    button: "Envoyer un message de test",
    subject: "Message de test Relais",
    body: "Ce message de test a été envoyé par Relais pour {tenant}. Si vous le lisez, l’envoi depuis cette boîte fonctionne.",
    queued: "Un message de test à votre adresse est en attente d’envoi.",
    queueAnyway: "Mettre le message de test en file quand même",
    cancel: "Pas maintenant",
  },
  errors: {
    headerInjection: "Les retours à la ligne ne sont pas permis ici.",
    invalidAddress: "Saisissez des adresses simples (nom@exemple.fr), séparées par des virgules.",
    noRecipient: "Ajoutez au moins un destinataire.",
    tooManyRecipients: "Trop de destinataires pour un seul message chez ce fournisseur.",
    subjectTooLong: "L’objet compte au plus 998 caractères.",
    noBody: "Écrivez un texte ou un corps HTML.",
    attachmentTooLarge: "Une pièce jointe dépasse la taille permise.",
    attachmentName: "Une pièce jointe a un nom ou un type invalide.",
    tooManyAttachments: "Trop de pièces jointes.",
    messageTooLarge: "Le message, pièces jointes comprises, dépasse la taille permise.",
    sendAtInvalid: "Choisissez une heure d’envoi valide, dans l’année.",
    mailboxUnknown: "Cette boîte n’existe pas ou vous ne pouvez pas l’utiliser.",
    mailboxRevoked: "Cette boîte a été révoquée : reconnectez-la avant d’envoyer.",
    notCancellable: "Seul un message en attente ou retenu peut être annulé.",
    idempotencyConflict: "Cette clé d’idempotence a déjà servi à un autre expéditeur.",
    notRetryable: "Seul un message en échec peut être relancé.",
    contentDeleted:
      "Le contenu de cet e-mail a été supprimé selon la durée de conservation de l’établissement : il n’y a plus rien à envoyer. Écrivez-le de nouveau.",
  },
  content: {
    deletedTitle: "Contenu supprimé",
    deletedAfter:
      "Objet, texte et pièces jointes supprimés au bout de {days, plural, one {# jour} other {# jours}}, le {date}, selon la durée de conservation de cet établissement. La trace de qui l’a envoyé, à qui et quand reste.",
    deletedByErasure:
      "Objet, texte et pièces jointes supprimés le {date}, lors de l’effacement des données personnelles de l’expéditeur. La trace de qui l’a envoyé, à qui et quand reste.",
    keptUntil:
      "Objet, texte et pièces jointes conservés jusqu’au {date} ({days, plural, one {# jour} other {# jours}} après la fin de l’envoi), puis supprimés.",
    waiting:
      "Objet, texte et pièces jointes sont supprimés {days, plural, one {# jour} other {# jours}} après l’envoi, l’échec ou l’annulation de l’e-mail.",
  },
  apiKeys: {
    noMailbox:
      "Choisissez au moins une boîte de cet établissement (une clé qui ne gère que les points de réception de webhooks n’en a pas besoin).",
    title: "Clés d’API",
    intro:
      "Les logiciels (emploi du temps, vie scolaire) envoient des messages par l’API avec une clé. Chaque clé ne peut envoyer que depuis les boîtes choisies pour elle, et peut aussi être autorisée à gérer les points de réception de webhooks de l’établissement.",
    docs: "Description de l’API (OpenAPI)",
    create: {
      legend: "Nouvelle clé",
      name: "Nom (ce qui l’utilise)",
      mailboxes: "Boîtes depuis lesquelles elle peut envoyer",
      manageWebhooks: "Peut aussi gérer les points de réception de webhooks de l’établissement",
      manageWebhooksHint:
        "Par /api/v1/webhooks, le logiciel peut ajouter, modifier, suspendre et supprimer les points de réception des événements de l’établissement, et lire chaque secret de signature quand il est créé ou remplacé. Une clé qui ne sert qu’à cela n’a besoin d’aucune boîte.",
      submit: "Créer la clé",
      shownOnce: "Copiez cette clé maintenant : elle ne sera plus affichée.",
    },
    columns: {
      name: "Nom",
      prefix: "Clé",
      mailboxes: "Boîtes",
      webhooks: "Webhooks",
      lastUsed: "Dernière utilisation",
      state: "État",
    },
    noMailboxes: "Aucune",
    managesWebhooks: "Gère les points de réception",
    noWebhooks: "Non",
    never: "Jamais",
    active: "Active",
    revoked: "Révoquée",
    revoke: "Révoquer",
    revokeConfirm: "Révoquer la clé {name} ? Les logiciels qui l’utilisent seront refusés aussitôt.",
    revokedNotice: "La clé a été révoquée.",
    empty: "Aucune clé pour l’instant.",
  },
};
