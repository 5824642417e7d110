import type { webhooks as en } from "../en/webhooks";
import type { Translation } from "../../translation-shape";

export const webhooks: Translation<typeof en> = {
  reasons: {
    mailboxNeedsReconnect: "La boîte doit être reconnectée par son propriétaire avant de pouvoir envoyer.",
    mailboxPending: "La boîte n’a jamais été connectée.",
    mailboxInsufficientScope: "L’autorisation de la boîte n’inclut pas la permission d’envoyer du courrier.",
    mailboxConfigError: "Le fournisseur a refusé l’application OAuth de l’établissement.",
    mailboxPaused: "L’envoi depuis la boîte est suspendu après une réponse de quota du fournisseur.",
    smtpAuthDisabled: "Le fournisseur a désactivé le SMTP authentifié pour cette boîte.",
    sendAsDenied: "Le fournisseur a refusé que le délégué envoie en tant que l’adresse partagée.",
    quota: "Le fournisseur a refusé le message : la boîte a atteint une limite d’envoi.",
    attemptsExhausted: "Chaque tentative a échoué sur une erreur temporaire ; Relais a cessé d’essayer.",
    rejected: "Le serveur de messagerie a refusé le message.",
    released: "La boîte peut de nouveau envoyer : le message est remis dans la file.",
    unknown: "Le message n’a pas pu être envoyé.",
  },
  states: {
    connected: "La boîte est connectée et peut envoyer.",
    pending: "La boîte attend sa première connexion.",
    revoked: "La connexion de la boîte a été révoquée ; ses jetons sont effacés.",
    paused: "L’envoi est suspendu jusqu’au {until}.",
  },
  endingSoon: {
    inactivity: "La connexion prendra fin le {date} si la boîte n’est pas utilisée d’ici là.",
    provider: "Le fournisseur met fin à la connexion le {date} ; le propriétaire doit la reconnecter avant.",
    testing:
      "L’application Google de l’établissement est en « Test » : Google met fin à la connexion le {date}. Publiez l’application, puis reconnectez la boîte.",
  },
  test: "Un événement de test envoyé par Relais pour vérifier ce point de réception.",
  mail: {
    paused: {
      subject: "{tenant} : un point de réception de webhooks a été suspendu",
      body: "Toutes les livraisons au point de réception {url} de {tenant} échouent depuis le {since}. Relais l’a suspendu : il ne reçoit plus de nouveaux événements jusqu’à ce qu’un administrateur le réactive. Ses livraisons en attente patientent.\n\nVérifiez que le programme destinataire fonctionne et répond avec un statut 2xx, puis réactivez le point de réception :\n\n{link}\n",
    },
  },
  errors: {
    urlRequired: "Saisissez l’adresse qui reçoit les événements.",
    noEvent: "Choisissez au moins un événement.",
    unknownEvent: "Cet événement n’existe pas.",
    descriptionTooLong: "La description doit faire moins de 200 caractères.",
    tooManyEndpoints: "Un établissement peut avoir au plus 20 points de réception.",
    endpointPaused: "Le point de réception est suspendu : réactivez-le d’abord.",
  },
  page: {
    title: "Webhooks",
    intro:
      "Un webhook informe le logiciel de l’établissement de ce qui arrive à son courrier et à ses boîtes mail, dès que cela arrive : un message envoyé, en échec ou retenu, une boîte à reconnecter, une connexion sur le point de prendre fin. Relais envoie un court message JSON à une adresse où le logiciel écoute (un point de réception) : le logiciel n’a pas à redemander sans cesse (interrogation périodique).",
    signing:
      "Chaque message est signé avec le secret propre au point de réception, comme le prévoit la spécification Standard Webhooks (en-têtes webhook-id, webhook-timestamp et webhook-signature) : le logiciel vérifie la signature pour savoir que le message vient de Relais et n’a pas été modifié. Une livraison qui échoue est retentée 8 fois sur environ une journée ; un point de réception dont toutes les livraisons échouent pendant 5 jours est suspendu, et les administrateurs de l’établissement sont prévenus par courriel.",
    specLink: "La spécification Standard Webhooks (en anglais)",
  },
  list: {
    heading: "Points de réception",
    caption: "Les points de réception de webhooks de l’établissement",
    empty:
      "Aucun point de réception pour l’instant : ajoutez ci-dessous l’adresse du logiciel qui doit être informé du courrier de l’établissement.",
    columns: {
      endpoint: "Point de réception",
      events: "Événements",
      state: "État",
      deliveries: "Livraisons",
    },
    pending: "{count} en attente",
    failed: "{count} en échec",
    noDescription: "Sans description",
  },
  state: {
    enabled: "Actif",
    pausedManual: "Suspendu par un administrateur",
    pausedFailing: "Suspendu : en échec depuis le {date}",
    failingSince: "Livraisons en échec depuis le {date}",
  },
  form: {
    url: "Adresse (URL) qui reçoit les événements",
    urlHint:
      "Une adresse https du logiciel de l’établissement, par exemple https://emploi-du-temps.example.org/relais-webhooks.",
    description: "Description (facultative)",
    descriptionHint: "Ce qui reçoit les événements, pour qui lira cette liste plus tard.",
    events: "Événements à envoyer",
    eventsHint: "Choisissez-en au moins un.",
  },
  create: {
    legend: "Nouveau point de réception",
    submit: "Ajouter le point de réception",
  },
  created: {
    heading: "Point de réception ajouté",
    secretLabel: "Secret de signature",
    shownOnce:
      "Copiez dès maintenant le secret de signature dans le logiciel destinataire : il ne sera plus affiché. S’il est perdu, renouvelez-le depuis la page du point de réception.",
    next: "Étape suivante : envoyez un événement de test pour vérifier que le logiciel le reçoit et accepte sa signature.",
    open: "Ouvrir le point de réception et envoyer un événement de test",
  },
  copy: {
    button: "Copier",
    done: "Copié dans le presse-papiers.",
    failed: "La copie n’a pas fonctionné : sélectionnez le texte et copiez-le à la main.",
  },
  events: {
    mail: {
      sent: {
        label: "Message envoyé",
        hint: "Un message est parti par sa boîte : le serveur de messagerie du fournisseur l’a accepté.",
      },
      failed: {
        label: "Message en échec",
        hint: "Un message n’a pas pu être envoyé et Relais a cessé d’essayer ; l’événement dit pourquoi.",
      },
      held: {
        label: "Message retenu",
        hint: "Un message attend parce que sa boîte ne peut pas envoyer pour l’instant (à reconnecter, ou suspendue après une limite d’envoi).",
      },
      released: {
        label: "Message libéré",
        hint: "Un message retenu est remis dans la file parce que sa boîte peut de nouveau envoyer.",
      },
    },
    mailbox: {
      state_changed: {
        label: "État d’une boîte modifié",
        hint: "Une boîte a été connectée, doit être reconnectée, a été révoquée, ou son envoi a été suspendu.",
      },
      ending_soon: {
        label: "Connexion d’une boîte bientôt terminée",
        hint: "La connexion d’une boîte prendra fin d’ici 14 jours si elle n’est ni utilisée ni reconnectée.",
      },
    },
    configuration: {
      error: {
        label: "Application OAuth refusée",
        hint: "Le fournisseur a refusé une des applications OAuth de l’établissement : toutes les boîtes qui l’utilisent cessent d’envoyer.",
      },
    },
    webhook: {
      test: {
        label: "Événement de test",
        hint: "Envoyé à la demande depuis la page du point de réception, pour le vérifier.",
      },
    },
  },
  endpoint: {
    back: "Tous les points de réception",
    created: "Ajouté le {date}",
    stateHeading: "État",
    stateEnabled: "Le point de réception reçoit les événements qu’il a demandés.",
    stateFailing:
      "Toutes les livraisons échouent depuis le {date}. Si elles échouent encore le {pauseDate}, Relais suspend le point de réception et prévient les administrateurs.",
    statePausedManual:
      "Un administrateur a suspendu le point de réception le {date}. Il ne reçoit plus de nouveaux événements ; ses livraisons en attente partiront quand il sera réactivé.",
    statePausedFailing:
      "Relais a suspendu le point de réception le {pausedDate} parce que toutes les livraisons échouaient depuis le {date}. Vérifiez que le logiciel destinataire fonctionne et répond avec un statut 2xx, puis réactivez le point de réception : ses livraisons en attente partiront alors.",
    lastSuccess: "Dernière livraison réussie : {date}",
    neverDelivered: "Aucune livraison n’a encore réussi.",
    pause: "Suspendre le point de réception",
    enable: "Réactiver le point de réception",
    paused: "Le point de réception est suspendu.",
    enabled: "Le point de réception est actif.",
    testHeading: "Événement de test",
    testIntro:
      "Envoie un événement de test (type webhook.test) à ce seul point de réception, quels que soient les événements demandés, pour vérifier que le logiciel le reçoit et accepte sa signature.",
    testButton: "Envoyer un événement de test",
    testPaused:
      "Un point de réception suspendu ne reçoit aucun événement : réactivez-le pour envoyer un événement de test.",
    testQueued:
      "L’événement de test est dans la file : il est livré dans quelques secondes et apparaît dans les livraisons ci-dessous.",
    secretHeading: "Secret de signature",
    secretIntro:
      "Les livraisons sont signées avec le secret de ce point de réception, qui n’est affiché qu’à sa création. S’il a fuité ou a été perdu, renouvelez-le : l’ancien secret continue de signer les livraisons pendant 24 heures, à côté du nouveau, pour que le logiciel change de secret sans en manquer aucune.",
    secretOverlap:
      "Le secret a été renouvelé : jusqu’au {date}, chaque livraison porte deux signatures, l’une avec le nouveau secret, l’autre avec l’ancien.",
    rotate: "Renouveler le secret",
    rotateConfirm:
      "Un nouveau secret signera les livraisons dès maintenant ; l’ancien continue de signer à côté pendant 24 heures seulement. Renouveler le secret ?",
    rotateConfirmButton: "Renouveler",
    rotated: "Nouveau secret de signature",
    rotatedReplaced:
      "Copiez dès maintenant le nouveau secret dans le logiciel destinataire : il ne sera plus affiché. L’ancien secret ne pouvait plus être lu : seul le nouveau signe les livraisons.",
    rotatedShownOnce:
      "Copiez dès maintenant le nouveau secret dans le logiciel destinataire : il ne sera plus affiché. L’ancien secret continue de signer les livraisons jusqu’au {date}.",
    settingsHeading: "Réglages",
    save: "Enregistrer les réglages",
    saved: "Réglages enregistrés.",
    deleteHeading: "Supprimer le point de réception",
    deleteIntro:
      "Le point de réception cesse aussitôt de recevoir des événements ; ses livraisons en attente et son historique sont supprimés.",
    delete: "Supprimer le point de réception",
    deleteConfirm: "Supprimer le point de réception {url} ? C’est définitif.",
    deleteConfirmButton: "Supprimer",
  },
  deliveries: {
    heading: "Livraisons récentes",
    intro:
      "Les 50 dernières livraisons à ce point de réception, des plus récentes aux plus anciennes. « Relivrer » renvoie le même événement, avec le même webhook-id, pour qu’un logiciel qui ignore les doublons ne le voie qu’une fois.",
    caption: "Livraisons récentes à ce point de réception",
    empty:
      "Aucun événement n’a encore été envoyé à ce point de réception. Envoyez un événement de test pour le vérifier.",
    columns: {
      event: "Événement",
      when: "Date",
      status: "État",
      answer: "Réponse",
      duration: "Durée",
      attempts: "Tentatives",
      actions: "Actions",
    },
    payload: "Message envoyé (JSON)",
    eventId: "webhook-id : {id}",
    status: {
      delivered: "Livré",
      deliveredAt: "le {date}",
      waiting: "En attente d’envoi",
      waitingPaused: "En attente : le point de réception est suspendu",
      retry: "Nouvel essai prévu le {date}",
      failed: "Échec après {count, plural, one {# tentative} other {# tentatives}}",
    },
    duration: "{ms} ms",
    redeliver: "Relivrer",
    redeliverLabel: "Relivrer l’événement {type} du {date}",
    redelivered: "Remis dans la file : il est livré dans quelques secondes.",
  },
  failures: {
    http: "Le point de réception a répondu {code}",
    timeout: "Le point de réception n’a pas répondu à temps",
    connect_failed: "Connexion refusée : rien ne répond à cette adresse",
    dns_failed: "Le nom d’hôte de l’adresse est introuvable",
    blocked_address: "Adresse non autorisée : elle mène à un réseau privé ou local",
    numeric_host: "Adresse non autorisée : écrivez un nom d’hôte, pas un nombre",
    not_https: "Adresse non autorisée : elle doit commencer par https://",
    invalid_url: "L’adresse n’est pas valide",
    redirect_refused:
      "Redirection refusée : le point de réception a répondu par une redirection ; indiquez son adresse finale",
    too_large: "La réponse du point de réception était trop grande",
    request_failed: "La requête a échoué avant toute réponse",
    secret_unreadable:
      "Relais ne peut plus lire le secret de signature du point de réception (la clé de chiffrement qui le protégeait a disparu) : renouvelez le secret et donnez le nouveau au logiciel",
    unknown: "La livraison a échoué",
  },
};
