import type { relay as en } from "../en/relay";
import type { Translation } from "../../translation-shape";

export const relay: Translation<typeof en> = {
  title: "Relais SMTP",
  intro:
    "Les appareils et logiciels qui ne savent envoyer du courrier qu’en SMTP avec un nom d’utilisateur et un mot de passe (photocopieurs et scanners, anciens logiciels de vie scolaire) l’envoient par le relais. Chacun reçoit son propre compte de relais, et un compte ne peut envoyer que depuis les boîtes choisies pour lui. Les messages partent ensuite par les connexions OAuth de ces boîtes et apparaissent dans la boîte d’envoi comme les autres.",
  settings: {
    heading: "Paramètres de connexion",
    intro:
      "Ce qu’il faut saisir dans les réglages de messagerie (SMTP) d’un appareil, avec le nom d’utilisateur et le mot de passe de son compte.",
    server: "Serveur",
    authentication: "Authentification",
    authenticationValue: "Obligatoire : le nom d’utilisateur et le mot de passe du compte",
    caption: "Ports du relais",
    columns: { port: "Port", security: "Sécurité", note: "Quand l’utiliser" },
    submission: { security: "STARTTLS", note: "Recommandé : le choix habituel pour envoyer du courrier." },
    tls: {
      security: "SSL/TLS",
      note: "Pour les appareils qui proposent SSL ou TLS dès la connexion plutôt que STARTTLS.",
    },
    plain: {
      security: "Aucune",
      note: "Uniquement sur le réseau de l’établissement, pour les appareils qui ne savent pas chiffrer : messages et mot de passe y circulent en clair. Les appareils utilisent cette adresse : {hosts}.",
    },
    legacy: {
      security: "Ancien TLS 1.0 ou 1.1",
      note: "Un risque : ce chiffrement ancien est considéré comme cassé. Seulement pour les appareils qui ne savent pas mieux faire, le temps de les mettre à jour ou de les remplacer.",
    },
    notConfigured:
      "Le relais n’est pas encore installé sur ce serveur. Adressez-vous à l’opérateur de la plateforme.",
  },
  policies: {
    as_sent: {
      label: "Telle que l’appareil l’écrit",
      hint: "L’adresse From: de l’appareil doit être l’une des boîtes choisies ; un message venant de toute autre adresse est refusé.",
    },
    fixed_keep_name: {
      label: "Toujours la boîte choisie, en gardant le nom de l’appareil",
      hint: "Quoi que l’appareil écrive, le message part de la seule boîte choisie ; le nom affiché de l’appareil (par exemple « Photocopieur, salle des profs ») est conservé.",
    },
    fixed_reply_to: {
      label: "Toujours la boîte choisie, réponses à l’adresse de l’appareil",
      hint: "Le message part de la seule boîte choisie, et l’adresse écrite par l’appareil devient le Reply-To, pour que les réponses lui parviennent.",
    },
  },
  create: {
    legend: "Nouveau compte de relais",
    name: "Nom (l’appareil ou le logiciel qui l’utilisera)",
    namePlaceholder: "Photocopieur, salle des profs",
    mailboxes: "Boîtes depuis lesquelles il peut envoyer",
    noMailboxes:
      "Cet établissement n’a encore aucune boîte depuis laquelle envoyer : ajoutez-en une et connectez-la d’abord.",
    fromPolicy: "Adresse From:",
    networks: "Réseaux autorisés (facultatif)",
    networksHint:
      "Les adresses depuis lesquelles l’appareil se connecte, séparées par des virgules, des espaces ou des retours à la ligne. Vide : n’importe quelle adresse.",
    networksPlaceholder: "192.168.10.0/24, 192.168.20.15",
    dailyCap: "Limite quotidienne (facultatif)",
    dailyCapHint:
      "Le nombre maximal de messages acceptés en un jour (de minuit à minuit, à l’heure de l’établissement). Vide : seulement les limites d’envoi des boîtes.",
    submit: "Créer le compte",
  },
  created: {
    heading: "Compte « {name} » créé",
    shownOnce:
      "Copiez le mot de passe maintenant : il ne sera plus affiché. S’il est perdu, créez un nouveau compte.",
    username: "Nom d’utilisateur",
    password: "Mot de passe",
  },
  sheet: {
    heading: "Fiche de connexion",
    intro:
      "Pour la personne qui configure l’appareil. Imprimez-la, ou recopiez-la dans la fiche de l’appareil.",
    print: "Imprimer la fiche",
    title: "Réglages du relais SMTP pour {name}",
    server: "Serveur (hôte SMTP)",
    port: "Port et sécurité",
    portStarttls: "{port} avec STARTTLS",
    portTls: "{port} avec SSL/TLS",
    portPlain: "{port} sans chiffrement, à l’adresse {hosts} (réseau de l’établissement uniquement)",
    portLegacy: "{port} avec l’ancien TLS 1.0/1.1 (un risque)",
    authentication: "Authentification",
    authenticationValue: "Oui, avec ce nom d’utilisateur et ce mot de passe",
    username: "Nom d’utilisateur",
    password: "Mot de passe",
    from: "Adresse d’expéditeur à utiliser",
    fromOneOf: "L’une de : {addresses}",
    fromFixed: "N’importe laquelle ; le message part de {address}",
  },
  list: {
    heading: "Comptes",
    caption: "Les comptes de relais de l’établissement",
    empty: "Aucun compte pour l’instant.",
    columns: {
      name: "Nom",
      username: "Nom d’utilisateur",
      mailboxes: "Boîtes",
      lastUsed: "Dernière utilisation",
      state: "État",
    },
    lastUsedFrom: "{date} depuis {ip}",
    active: "Actif",
    revoked: "Révoqué",
  },
  revoke: {
    button: "Révoquer",
    label: "Révoquer le compte {name}",
    confirm:
      "Révoquer le compte {name} ? Les appareils qui l’utilisent seront refusés dès leur prochaine connexion ou leur prochain message.",
    done: "Le compte a été révoqué.",
  },
  detail: {
    back: "Retour au relais SMTP",
    settings: "Compte",
    username: "Nom d’utilisateur",
    mailboxes: "Boîtes depuis lesquelles il peut envoyer",
    fromPolicy: "Adresse From:",
    networks: "Réseaux autorisés",
    anyAddress: "N’importe quelle adresse",
    dailyCap: "Limite quotidienne",
    noCap: "Aucune en dehors des limites des boîtes",
    dailyCapValue: "{count, plural, one {# message} other {# messages}} par jour",
    mailLastDay: "Messages des dernières 24 heures",
    mailLastDayValue: "{count, plural, one {# message} other {# messages}}",
    created: "Créé le",
    firstUsed: "Première utilisation",
    lastUsed: "Dernière utilisation",
    state: "État",
    revokedOn: "Révoqué le {date}",
    outbox: "Voir ses messages dans la boîte d’envoi",
    passwordLost:
      "Le mot de passe n’est pas conservé : s’il est perdu, créez un nouveau compte et révoquez celui-ci.",
    sessions: {
      heading: "Sessions récentes",
      intro: "Chaque fois qu’un appareil s’est connecté, identifié puis a raccroché.",
      caption: "Les sessions récentes du compte, de la plus récente à la plus ancienne",
      empty: "Aucune session pour l’instant : aucun appareil ne s’est encore identifié avec ce compte.",
      columns: {
        started: "Début",
        ended: "Fin",
        clientIp: "Adresse de l’appareil",
        messages: "Messages acceptés",
        refusals: "Refus",
      },
    },
    refusals: {
      heading: "Refus récents",
      intro: "Ce que le relais a refusé, pourquoi, et que faire.",
      caption: "Les refus récents du compte, du plus récent au plus ancien",
      empty: "Aucun refus.",
      columns: {
        when: "Quand",
        clientIp: "Adresse de l’appareil",
        reason: "Ce qui s’est passé",
        code: "Réponse SMTP",
        detail: "Concerne",
      },
      unknown: "Refusé ({reason}).",
    },
  },
  refusals: {
    bad_password: {
      text: "Mauvais mot de passe pour ce nom d’utilisateur.",
      fix: "Saisissez de nouveau le mot de passe dans l’appareil, exactement tel qu’il a été affiché à la création. S’il est perdu, créez un nouveau compte et révoquez celui-ci.",
    },
    revoked: {
      text: "Ce compte a été révoqué.",
      fix: "Créez un nouveau compte et saisissez-le dans l’appareil.",
    },
    network_not_allowed: {
      text: "L’appareil s’est connecté depuis une adresse hors des réseaux autorisés du compte.",
      fix: "Vérifiez l’adresse de l’appareil. Si elle est juste, créez un compte qui autorise son réseau et révoquez celui-ci.",
    },
    throttled: {
      text: "Trop d’échecs d’identification depuis cette adresse ou pour ce nom d’utilisateur : les connexions sont suspendues un moment.",
      fix: "Corrigez le nom d’utilisateur et le mot de passe dans l’appareil, puis attendez quelques minutes.",
    },
    tenant_suspended: {
      text: "Le compte de l’établissement sur Relais est suspendu.",
      fix: "Adressez-vous à l’opérateur de la plateforme.",
    },
    sender_not_allowed: {
      text: "L’appareil a donné une adresse d’expéditeur (MAIL FROM) qui n’est pas l’une des boîtes du compte.",
      fix: "Réglez l’adresse d’expéditeur de l’appareil sur l’une des boîtes du compte, ou utilisez un compte qui envoie toujours depuis une seule boîte.",
    },
    from_header_not_allowed: {
      text: "L’adresse From: du message n’est pas l’une des boîtes du compte.",
      fix: "Réglez l’adresse From: de l’appareil sur l’une des boîtes du compte, ou utilisez un compte qui envoie toujours depuis une seule boîte.",
    },
    no_mailbox_connected: {
      text: "Aucune des boîtes du compte n’est connectée.",
      fix: "Connectez la boîte depuis sa page.",
    },
    mailbox_revoked: {
      text: "La boîte d’où partirait le message est déconnectée (sa connexion a été révoquée).",
      fix: "Connectez de nouveau la boîte depuis sa page.",
    },
    invalid_recipient: {
      text: "L’adresse d’un destinataire n’est pas une adresse électronique valide.",
      fix: "Vérifiez les adresses saisies ou enregistrées dans l’appareil.",
    },
    too_many_recipients: {
      text: "Trop de destinataires pour un seul message.",
      fix: "Envoyez à moins de destinataires à la fois, ou utilisez une liste de diffusion.",
    },
    daily_cap: {
      text: "La limite quotidienne du compte est atteinte.",
      fix: "Attendez le jour suivant (minuit à l’heure de l’établissement), ou créez un compte avec une limite plus haute.",
    },
    message_too_large: {
      text: "Le message, pièces jointes comprises, dépasse la taille permise.",
      fix: "Envoyez des pièces jointes plus petites : numérisez en résolution plus basse, en noir et blanc, ou moins de pages à la fois.",
    },
    too_many_messages: {
      text: "Trop de messages dans une même session.",
      fix: "Rien à faire le plus souvent : l’appareil se reconnecte pour la suite.",
    },
    bad_message: {
      text: "Le message n’a pas pu être lu (en-têtes ou fin de message incorrects).",
      fix: "Mettez à jour le logiciel de l’appareil ; si cela se reproduit, prévenez l’opérateur de la plateforme.",
    },
    database_unavailable: {
      text: "Relais n’a pas pu joindre sa base de données : le message a été refusé pour l’instant.",
      fix: "L’appareil devrait réessayer plus tard de lui-même ; si cela se reproduit, prévenez l’opérateur de la plateforme.",
    },
  },
  errors: {
    noMailbox: "Choisissez au moins une boîte de cet établissement.",
    fixedNeedsOneMailbox: "Un expéditeur fixe demande exactement une boîte.",
    badNetwork: "Écrivez les réseaux ainsi : 192.168.10.0/24, une adresse seule, ou un bloc IPv6.",
    tooManyNetworks: "50 réseaux au plus.",
    badDailyCap: "La limite quotidienne est un nombre entier de 1 à 100 000, ou vide pour aucune.",
  },
};
