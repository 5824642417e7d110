import type { connections as en } from "../en/connections";
import type { Translation } from "../../translation-shape";

export const connections: Translation<typeof en> = {
  states: {
    pending: "Pas encore connectée",
    connected: "Connectée",
    needs_reconnect: "À reconnecter",
    insufficient_scope: "Autorisation incomplète",
    revoked: "Révoquée",
    config_error: "Application OAuth refusée",
  },
  scopes: {
    smtpMicrosoft: "Envoyer du courrier par SMTP (Microsoft 365)",
    imapMicrosoft: "Lire le courrier par IMAP (Microsoft 365)",
    popMicrosoft: "Lire le courrier par POP (Microsoft 365)",
    graphSend: "Envoyer du courrier par Microsoft Graph",
    graphSendShared: "Envoyer en tant que boîtes partagées par Microsoft Graph",
    userRead: "Se connecter et lire le profil du compte (Microsoft)",
    gmailFull: "Accès complet à Gmail, nécessaire pour envoyer par SMTP (Google)",
    gmailSend: "Envoyer du courrier par l’API Gmail",
    gmailCompose: "Rédiger et envoyer des brouillons dans Gmail",
    gmailModify: "Lire, écrire et envoyer le courrier Gmail",
    gmailReadonly: "Lire le courrier et les réglages Gmail",
    gmailSettings: "Voir les réglages Gmail, pour vérifier les adresses d’envoi autorisées",
    offlineAccess: "Rester connectée (renouveler l’accès sans se reconnecter)",
    openid: "Se connecter (identifier le compte)",
    email: "Voir l’adresse e-mail du compte",
    profile: "Voir le nom et la photo du compte",
  },
  causes: {
    grantRevoked:
      "Le fournisseur n’accepte plus l’autorisation de cette boîte : elle a été révoquée, son mot de passe a changé, ou elle a expiré.",
    idleExpired: "Microsoft a mis fin à l’autorisation après 90 jours sans utilisation.",
    interactionRequired:
      "Le fournisseur demande à la personne de se reconnecter (authentification multifacteur ou accès conditionnel).",
    noRefreshToken:
      "Le fournisseur n’a pas donné de jeton d’actualisation (accès hors connexion non accordé) : l’autorisation n’a duré qu’une heure.",
    tokenUnreadable:
      "L’autorisation enregistrée ne peut plus être déchiffrée (la clé de chiffrement a changé).",
    consentMissing:
      "Le consentement à l’application manque, ou un administrateur doit l’accorder pour toute l’organisation.",
    secretInvalid: "Le fournisseur a refusé l’ID client ou le secret client de l’application OAuth.",
    secretExpired: "Le secret client de l’application OAuth a expiré chez Microsoft.",
    secretRequired:
      "Microsoft exige un secret client pour cette application, et Relais n’en a aucun pour elle.",
    appNotFound: "Microsoft ne connaît pas l’application dans cet annuaire.",
    unauthorizedClient: "Le fournisseur n’autorise pas cette application à ce type d’autorisation.",
    platformUnavailable: "L’application Microsoft de la plateforme n’est plus configurée.",
    secretUnreadable: "Le secret client de l’application OAuth ne peut plus être déchiffré.",
    endpointRefused:
      "Le point de terminaison de jeton de l’application OAuth est une adresse que Relais ne peut pas appeler.",
    transient: "Le fournisseur était injoignable, ou a répondu par une erreur temporaire.",
    smtpAuthDisabled:
      "Le SMTP authentifié (SMTP AUTH) est désactivé pour cette boîte ou pour tout le locataire Microsoft 365.",
    insufficientScope:
      "L’autorisation ne permet pas d’envoyer du courrier (une case a été décochée sur l’écran de consentement).",
    sendAsDenied:
      "Le fournisseur a refusé que le délégué envoie en tant que cette adresse partagée (pas de droit « Envoyer en tant que », ou l’adresse n’est pas un alias du compte).",
    transportNeedsConsent:
      "La boîte envoie désormais par un autre moyen, dont la permission ne figure pas encore dans son autorisation.",
    unknown: "Le fournisseur a répondu par une erreur que Relais ne reconnaît pas.",
    unknownPersisting:
      "Pendant plusieurs jours, le fournisseur a refusé de renouveler cette autorisation par une réponse que Relais ne reconnaît pas ; Relais a cessé d’essayer (le code est conservé pour l’assistance).",
  },
  fixes: {
    reconnect: "Reconnectez la boîte depuis « Mes boîtes aux lettres ».",
    reconnectOffline:
      "Reconnectez la boîte. Si cela se reproduit, demandez à votre administrateur de demander l’accès hors connexion dans l’application OAuth (Microsoft : offline_access).",
    adminConsent:
      "Demandez à votre administrateur Microsoft 365 d’accorder le consentement administrateur à l’application, puis reconnectez.",
    fixSecret:
      "Un administrateur doit coller le bon secret client dans l’application OAuth de l’établissement dans Relais.",
    newSecret:
      "Un administrateur doit créer un nouveau secret client dans le portail Azure et le coller dans l’application OAuth dans Relais.",
    secretOrPublicClient:
      "Un administrateur doit coller le secret client, ou autoriser les flux de client public pour l’application dans le portail Azure.",
    checkApplication:
      "Un administrateur doit vérifier l’ID client et l’annuaire, et que l’application est autorisée dans le locataire de l’établissement.",
    askOperator:
      "Adressez-vous à l’opérateur de la plateforme, ou passez l’application OAuth sur l’inscription propre de l’établissement.",
    fixEndpoint: "Un administrateur doit corriger le point de terminaison de jeton dans l’application OAuth.",
    waitRetry: "Rien à faire : Relais réessaie de lui-même.",
    enableSmtpAuth:
      "Un administrateur Microsoft 365 doit activer le SMTP authentifié pour cette boîte (SmtpClientAuthentication).",
    grantSendAs:
      "Un administrateur doit donner au délégué le droit « Envoyer en tant que » sur la boîte partagée (centre d’administration Exchange), ou ajouter l’adresse comme alias vérifié (Gmail), puis reconnecter ; ou désigner un autre délégué.",
    reconnectForTransport:
      "Reconnectez la boîte pour accorder la nouvelle permission ; ses messages en attente partent ensuite.",
    reconnectAllScopes: "Reconnectez la boîte en laissant toutes les autorisations cochées.",
    retryOrReconnect: "Si cela dure, reconnectez la boîte ou adressez-vous à votre administrateur.",
  },
  details: {
    title: "Détails techniques (pour le service informatique)",
    provider: "Compte autorisé",
    accessTokenExpiry: "Jeton d’accès actuel valable jusqu’au",
    accessTokenNote:
      "Relais le renouvelle de lui-même avant cette heure : ce n’est pas la fin de la connexion.",
    refreshToken: "Jeton d’actualisation",
    refreshTokenHeld: "Détenu (Relais renouvelle l’accès de lui-même)",
    refreshTokenNone: "Aucun",
    lastRefresh: "Dernier renouvellement",
    lastUse: "Dernière utilisation",
    connectedAt: "Connectée le",
    lastError: "Dernière erreur",
    predictedEnd: "Fin de l’autorisation",
    predictedEndInactivity:
      "{date} si elle n’est pas utilisée d’ici là (Microsoft met fin aux autorisations inutilisées pendant 90 jours, Google à celles inutilisées pendant six mois ; Relais renouvelle lui-même celles qui dorment).",
    predictedEndProvider: "{date} (annoncée par le fournisseur).",
    predictedEndTesting:
      "{date} : l’application Google de l’établissement est en statut de publication « Test », et Google met fin à ses connexions 7 jours après leur création.",
    predictedEndUnknown:
      "Non annoncée : ce fournisseur ne donne pas de date de fin que Relais puisse connaître.",
    reconnectAnyway:
      "La connecter de nouveau malgré tout (autre compte, ou pour accorder de nouveau ses permissions)",
    never: "Jamais",
    none: "—",
  },
  revoke: {
    button: "Révoquer",
    title: "Révoquer la connexion de {address} ?",
    body: "Relais efface les jetons de cette boîte et cesse d’envoyer depuis elle jusqu’à ce que quelqu’un la reconnecte.",
    warnGoogle:
      "Google révoque toute l’autorisation que ce compte a donnée à l’application Google de l’établissement : toute autre boîte ou tout autre programme qui s’appuie sur cette même autorisation pour ce compte s’arrête aussi.",
    warnMicrosoft:
      "Microsoft ne permet pas à Relais de retirer l’autorisation : supprimez vous-même l’application ensuite.",
    queuedMail: "{count} courriers en attente d’envoi depuis cette boîte seront annulés.",
    cancelledMail: "{count} courriers en attente ont été annulés.",
    confirm: "Révoquer",
    cancel: "Annuler",
    doneAtProvider: "Révoquée : les jetons sont effacés ici et le fournisseur a retiré l’autorisation.",
    doneNoEndpoint:
      "Les jetons sont effacés ici. Microsoft conserve l’autorisation tant que vous n’avez pas supprimé l’application sur https://myapps.microsoft.com (ou la page « Applications » de votre compte) ; si elle n’y figure pas, l’administrateur Microsoft 365 peut retirer votre accès dans le centre d’administration Microsoft Entra (Applications d’entreprise › l’application › Utilisateurs et groupes).",
    donePending:
      "Les jetons sont effacés ici. Le fournisseur était injoignable ; Relais lui redemandera de retirer l’autorisation.",
    doneErased:
      "Révoquée : les jetons sont effacés ; il ne restait aucune autorisation à retirer chez le fournisseur.",
    doneNoEndpointOther:
      "Les jetons sont effacés ici. Ce fournisseur ne permet pas de retirer l’autorisation d’ici : supprimez l’application dans les paramètres de votre compte chez le fournisseur.",
    doneMany: "{count} connexions révoquées.",
    doneRefusedGoogle:
      "Les jetons sont effacés ici, mais Google n’a pas retiré l’autorisation. Pour en être sûr, connectez-vous avec ce compte sur https://myaccount.google.com/permissions et supprimez l’application de l’établissement.",
    doneRefusedOther:
      "Les jetons sont effacés ici, mais le fournisseur n’a pas retiré l’autorisation. Pour en être sûr, supprimez l’application de l’établissement dans les paramètres de ce compte chez le fournisseur.",
  },
  mail: {
    reconnect: {
      subjectOne: "Reconnectez la boîte {address}",
      subjectMany: "Reconnectez {count} boîtes aux lettres",
      body: "Relais ne peut plus envoyer de courrier pour {tenant} depuis :\n\n{mailboxes}\n\nLe courrier en attente est conservé, pas perdu. Reconnectez ici :\n{link}\n",
    },
    configurationBroken: {
      subject: "{tenant} : une application OAuth a été refusée",
      line: "- {name} ({count} boîtes arrêtées) : {cause} {fix}",
      body: "Le fournisseur a refusé une application OAuth de {tenant}. Ses boîtes gardent leur autorisation et reprennent dès que l’application est corrigée ; leur courrier est conservé.\n\n{configurations}\n\n{link}\n",
    },
    digest: {
      subject: "{tenant} : {count} boîtes aux lettres demandent une intervention",
      more: "… et {count} de plus.",
      body: "Ces boîtes aux lettres de {tenant} ne peuvent plus envoyer tant que personne n’intervient :\n\n{mailboxes}\n\n{link}\n",
    },
    endingSoon: {
      subjectOne: "La connexion de {address} prend fin le {date}",
      subjectMany: "{count} connexions de boîtes aux lettres prennent bientôt fin",
      line: "- {address} : prend fin le {date}, dans {days, plural, one {# jour} other {# jours}}. {why} {fix}",
      why: {
        provider: "Le fournisseur a annoncé cette fin.",
        inactivity:
          "Le fournisseur met fin aux autorisations laissées inutilisées (Microsoft après 90 jours, Google après six mois), et Relais n’a pas pu la renouveler de lui-même à temps.",
        testing:
          "L’application Google de l’établissement est en statut de publication « Test » : Google met fin à ses connexions 7 jours après leur création.",
      },
      ownerFix: {
        provider: "Reconnectez-la d’ici là pour qu’elle continue.",
        inactivity: "Reconnectez-la d’ici là pour qu’elle continue.",
        testing:
          "La reconnecter lui donne 7 jours de plus ; demandez aux administrateurs de l’établissement de publier l’application pour qu’elle dure.",
      },
      adminFix: {
        provider: "Son propriétaire, ou vous, doit la reconnecter d’ici là.",
        inactivity:
          "Reconnectez-la d’ici là, et cherchez pourquoi Relais ne peut pas la renouveler (la dernière erreur sur la page de la boîte, l’application OAuth, le processus d’arrière-plan).",
        testing:
          "Publiez l’application dans la console Google Cloud (Google Auth Platform › Audience), ou rendez-la interne, puis reconnectez la boîte.",
      },
      ownerBody:
        "Relais cessera d’envoyer du courrier pour {tenant} depuis ces boîtes quand leur connexion prendra fin :\n\n{mailboxes}\n\nReconnectez-les ici :\n{link}\n",
      digestSubject:
        "{tenant} : {count, plural, one {# connexion de boîte prend} other {# connexions de boîtes prennent}} bientôt fin",
      digestBody:
        "Ces boîtes aux lettres de {tenant} cesseront d’envoyer quand leur connexion prendra fin, sauf si quelqu’un intervient d’ici là :\n\n{mailboxes}\n\n{link}\n",
    },
  },
};
