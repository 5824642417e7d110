import type { connect as en } from "../en/connect";
import type { Translation } from "../../translation-shape";

export const connect: Translation<typeof en> = {
  result: {
    pageTitle: "Autorisation de la boîte aux lettres",
    back: "Retour aux boîtes aux lettres",
    retry: "Réessayer",
    retryScope: "Autoriser à nouveau",
    closeWindow: "Vous pouvez fermer cette fenêtre.",
    reopenLink: "Pour réessayer, ouvrez à nouveau le lien que vous avez reçu.",
    stale: {
      title: "Rien à afficher",
      body: "L’adresse de cette page est incomplète ou date de plus d’une heure. Recommencez l’autorisation depuis Relais.",
    },
    configChanged:
      "L’application OAuth de la boîte aux lettres a changé pendant votre autorisation. Recommencez.",
    delegateChanged:
      "Le compte qui connecte cette boîte partagée a été changé pendant votre autorisation. Recommencez.",
    connected: {
      title: "Boîte aux lettres connectée",
      body: "{mailbox} est connectée. Le courrier envoyé par Relais part désormais de cette boîte.",
      noRefreshToken:
        "Le fournisseur n’a pas envoyé de jeton d’actualisation : cette connexion cessera de fonctionner d’ici une heure environ. Demandez au service informatique de l’établissement de vérifier que l’application demande l’accès hors connexion (Google : access_type=offline et prompt=consent ; Microsoft : offline_access).",
    },
    insufficientScope: {
      title: "Une autorisation manque",
      body: "{mailbox} a été autorisée, mais sans l’autorisation nécessaire à l’envoi de courrier : {missing}. Aucun courrier n’en partira tant qu’elle n’aura pas été autorisée à nouveau en laissant cette autorisation cochée.",
    },
    declined: {
      title: "Autorisation refusée",
      body: "Vous avez refusé l’autorisation. Rien n’a changé pour {mailbox} ; vous pouvez recommencer quand vous le souhaitez.",
    },
    wrongAccount: {
      title: "Un autre compte a été utilisé",
      body: "Vous vous êtes connecté avec {account}, mais cette connexion concerne {mailbox}. Rien n’a été enregistré. Recommencez en vous connectant avec {mailbox}.",
      bodyUnknown:
        "L’autorisation a été donnée avec un autre compte que {mailbox}. Rien n’a été enregistré. Recommencez en vous connectant avec {mailbox}.",
    },
    accountRefused: {
      title: "Ce compte ne peut pas envoyer au nom de la boîte",
      body: "Le serveur de messagerie a refusé l’autorisation pour {mailbox} : vous vous êtes probablement connecté avec un autre compte. Rien n’a été enregistré. Recommencez en vous connectant avec {mailbox}.",
    },
    smtpAuthDisabled: {
      title: "La connexion SMTP est désactivée",
      body: "Le serveur de messagerie refuse le SMTP authentifié pour {mailbox} (Microsoft 365 : SmtpClientAuthentication est désactivé pour la boîte ou l’organisation). Rien n’a été enregistré. Un administrateur doit l’activer, puis il faudra autoriser à nouveau.",
    },
    identityUnverified: {
      title: "Le compte n’a pas pu être vérifié",
      body: "Relais n’a pas pu joindre le serveur de messagerie pour vérifier quel compte a autorisé {mailbox} ({code}). Rien n’a été enregistré. Réessayez dans quelques minutes.",
    },
    idTokenInvalid: {
      title: "La réponse du fournisseur n’a pas pu être vérifiée",
      body: "L’identité renvoyée par le fournisseur n’a pas passé les contrôles de Relais ({code}). Rien n’a été enregistré. Recommencez ; si cela se reproduit, prévenez le service informatique de l’établissement.",
    },
    configRefused: {
      title: "L’application OAuth de l’établissement a été refusée",
      body: "Le fournisseur a refusé l’application OAuth de l’établissement ({code}) : {reason} Rien n’a été enregistré. Le service informatique de l’établissement doit corriger l’application.",
    },
    configUnusable: {
      title: "L’application OAuth de l’établissement est inutilisable",
      body: "{reason} Rien n’a été enregistré.",
    },
    mailboxChanged: {
      title: "La boîte aux lettres a changé pendant votre autorisation",
      body: "{reason} Rien n’a été enregistré.",
    },
    consentRequired: {
      title: "Un administrateur doit d’abord donner son consentement",
      body: "Le fournisseur demande un consentement que seul un administrateur de votre organisation peut donner ({code}). Rien n’a été enregistré. Demandez au service informatique d’accorder le consentement administrateur à l’application, puis réessayez.",
    },
    providerError: {
      title: "Le fournisseur a refusé l’autorisation",
      body: "Le fournisseur a répondu par l’erreur {code}. Rien n’a été enregistré.",
    },
    providerUnavailable: {
      title: "Le fournisseur est injoignable",
      body: "Le fournisseur n’a pas pu être joint ou a répondu par une erreur temporaire. Rien n’a été enregistré ; réessayez dans quelques minutes.",
    },
    codeRefused: {
      title: "Le code d’autorisation a été refusé",
      body: "Le fournisseur a refusé le code d’autorisation ({code}). Rien n’a été enregistré. Recommencez.",
    },
    alreadyCompleted: {
      title: "Déjà terminée",
      body: "Cette autorisation était déjà terminée : {mailbox} est connectée. Rien n’a changé.",
    },
    stateMissing: {
      title: "Réponse incomplète",
      body: "La réponse du fournisseur n’indique pas à quelle autorisation elle se rapporte. Recommencez depuis Relais.",
    },
    stateUnknown: {
      title: "Autorisation inconnue",
      body: "Cette réponse ne correspond à aucune autorisation commencée ici. Rien n’a été enregistré. Recommencez depuis Relais.",
    },
    stateUsed: {
      title: "Autorisation déjà utilisée",
      body: "Cette réponse d’autorisation a déjà servi une fois et ne peut pas resservir. Recommencez depuis Relais.",
    },
    stateExpired: {
      title: "Autorisation expirée",
      body: "Plus de 10 minutes se sont écoulées entre le début et la réponse du fournisseur. Rien n’a été enregistré. Recommencez.",
    },
    otherBrowser: {
      title: "Commencée dans un autre navigateur",
      body: "Cette autorisation a été commencée dans un autre navigateur, ou les cookies de ce navigateur ont été effacés entre-temps. Pour votre sécurité, elle ne peut se terminer que là où elle a commencé. Rien n’a été enregistré ; recommencez ici.",
    },
    otherPerson: {
      title: "Commencée par quelqu’un d’autre",
      body: "Cette autorisation a été commencée par une autre personne. Rien n’a été enregistré. Commencez la vôtre depuis Relais.",
    },
    sessionEnded: {
      title: "Votre session a expiré",
      body: "Vous avez été déconnecté de Relais pendant l’autorisation. Rien n’a été enregistré. Reconnectez-vous et recommencez.",
    },
    issuerMismatch: {
      title: "Réponse d’un serveur inattendu",
      body: "La réponse ne vient pas du fournisseur auquel l’autorisation avait été envoyée. Rien n’a été enregistré. Recommencez.",
    },
    notFound: {
      title: "Boîte aux lettres introuvable",
      body: "Cette boîte aux lettres n’existe pas, ou vous ne pouvez pas la connecter.",
    },
    linkInvalid: {
      title: "Ce lien n’est plus utilisable",
      body: "Ce lien de connexion a expiré, a déjà servi ou a été retiré. Demandez-en un nouveau au service informatique de l’établissement.",
    },
    deviceUnsupported: {
      title: "Pas de connexion par code pour cette application",
      body: "L’application OAuth de l’établissement n’a pas de point d’accès « appareil » : elle ne permet pas de connecter une boîte avec un code. Utilisez plutôt la connexion dans le navigateur.",
    },
    deviceScopeRefused: {
      title: "Connexion par code refusée pour ces autorisations",
      body: "Le fournisseur refuse les autorisations demandées avec un code (Google n’autorise jamais l’accès au courrier ainsi). Utilisez plutôt la connexion dans le navigateur.",
    },
    deviceExpired: {
      title: "Le code a expiré",
      body: "Le code n’a pas été utilisé à temps. Demandez un nouveau code pour connecter {mailbox}.",
    },
    internal: {
      title: "Une erreur est survenue",
      body: "L’autorisation n’a pas pu aboutir. Si cela se reproduit, donnez cette référence à votre administrateur : {code}",
    },
  },
  device: {
    title: "Connecter {mailbox} avec un code",
    intro:
      "Utile quand se connecter ici n’est pas pratique : sur n’importe quel téléphone ou ordinateur, ouvrez l’adresse ci-dessous, connectez-vous avec {mailbox} et saisissez le code.",
    start: "Obtenir un code",
    starting: "Demande d’un code…",
    newCode: "Obtenir un nouveau code",
    userCode: "Code à saisir",
    verificationUri: "Adresse à ouvrir",
    qrAlt: "QR code de l’adresse à ouvrir",
    expires: "Le code est valable jusqu’à {time}.",
    checking: "Relais vérifie toutes les quelques secondes ; cette page se met à jour toute seule.",
    browserFlow: "Se connecter plutôt dans ce navigateur",
    status: {
      pending: "En attente de la saisie du code et de l’autorisation…",
      unreachable: "Relais ne joint pas le portail pour l’instant ; il continue d’essayer.",
    },
  },
};
