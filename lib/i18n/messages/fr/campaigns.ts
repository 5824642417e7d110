export const campaigns = {
  list: {
    title: "Campagnes de reconnexion",
    intro:
      "Faire revenir de nombreuses boîtes mail d’un coup : une campagne envoie un lien de connexion au propriétaire de chaque boîte qu’un filtre retient, puis montre qui l’a ouvert et qui s’est reconnecté, relance les autres et renvoie aux restants.",
    start: "Lancer une campagne",
    heading: "Campagnes",
    caption: "Les campagnes de reconnexion de l’établissement, les plus récentes d’abord",
    empty: "Aucune campagne pour l’instant.",
    columns: { name: "Campagne", started: "Lancée", progress: "Reconnectées", state: "État" },
    startedBy: "{date}, par {who}",
    progress: "{done} sur {total}",
    open: "Ouverte",
    closed: "Close",
  },
  form: {
    title: "Lancer une campagne de reconnexion",
    intro:
      "Chaque boîte mail de l’établissement que le filtre retient et qui n’est pas connectée maintenant est invitée à se reconnecter. Chaque propriétaire reçoit un lien à usage unique ; personne n’a besoin d’un compte sur le portail.",
    name: "Nom",
    namePlaceholder: "Rentrée de septembre",
    nameRequired: "Donnez un nom à la campagne.",
    filterLegend: "Quelles boîtes mail",
    memberFilter: "Seulement les boîtes attribuées à {email}.",
    channelLegend: "Comment les liens parviennent aux propriétaires",
    channels: {
      mail: "Relais envoie à chaque propriétaire son lien par mail",
      copy: "Je copie les liens dans la messagerie de l’établissement",
    },
    copyNote:
      "Les liens ne sont gardés que sous forme d’empreinte : ils ne sont affichés qu’une fois, juste après leur création. Copiez-les avant de quitter la page.",
    reminders: "Relancer ceux qui ne se sont pas reconnectés",
    reminderNone: "Jamais",
    reminderEvery: "{days, plural, one {Tous les jours} other {Tous les # jours}}",
    reminderNote:
      "Chaque relance est un nouveau lien ; le précédent cesse de fonctionner. Seulement quand Relais envoie les liens par mail.",
    submit: "Lancer et envoyer les liens",
    starting: "Lancement…",
    noneMatching:
      "Aucune boîte retenue par le filtre n’est à reconnecter : les boîtes connectées sont laissées de côté.",
  },
  run: {
    noneSelected: "Aucune boîte mail n’a été donnée.",
    mailed: "{count, plural, one {# lien envoyé} other {# liens envoyés}} par mail.",
    made: "{count, plural, one {# lien créé} other {# liens créés}}.",
    notMailed:
      "{count, plural, one {# mail n’a pas pu être envoyé} other {# mails n’ont pas pu être envoyés}} : la campagne les signale « Échec du mail » ; renvoyez aux restants plus tard.",
    alreadyReconnected:
      "{count, plural, one {# boîte s’était reconnectée entre-temps} other {# boîtes s’étaient reconnectées entre-temps}} : aucun lien n’était nécessaire.",
    failed: "Non envoyé : {addresses}. {reason}",
    notRun:
      "{count, plural, one {# boîte n’a pas été sollicitée} other {# boîtes n’ont pas été sollicitées}} : renvoyez aux restants pour terminer.",
    copyHeading: "Liens à copier",
    copyIntro:
      "Affichés seulement maintenant : Relais n’en garde aucune copie. Envoyez à chaque propriétaire son propre lien ; chacun fonctionne une fois, jusqu’à son expiration.",
    copyAll: "Tous les liens, une ligne par propriétaire",
    copyAllButton: "Tout copier",
    copied: "Copié.",
    copyFailed: "Le navigateur a refusé de copier : le texte est sélectionné, copiez-le à la main.",
    seeCampaign: "Voir la campagne",
  },
  detail: {
    startedBy: "Lancée le {date} par {who}.",
    closedOn:
      "Close le {date} : plus de relances ni de renvois. Les liens déjà envoyés fonctionnent jusqu’à leur expiration.",
    filter: "Boîtes mail : {filter}.",
    filterAll: "toutes les boîtes non connectées",
    filterParts: {
      state: "état « {value} »",
      provider: "fournisseur {value}",
      config: "application OAuth « {value} »",
      member: "attribuées à {value}",
      search: "adresse ou nom contenant « {value} »",
    },
    channel: {
      mail: "Liens envoyés par mail par Relais.",
      copy: "Liens copiés dans la messagerie de l’établissement.",
    },
    linkDays: "Chaque lien fonctionne {days, plural, one {# jour} other {# jours}}.",
    reminders:
      "{days, plural, one {Relance tous les jours} other {Relance tous les # jours}} de ceux qui ne se sont pas reconnectés.",
    noReminders: "Pas de relance.",
    updated: "Mis à jour à {time} ; actualisé tout seul.",
    loadFailed: "Les derniers chiffres n’ont pas pu être chargés ; nouvel essai sous peu.",
    summaryHeading: "Où en est-on",
    total: "Boîtes mail",
    membersHeading: "Boîtes mail",
    membersCaption: "Chaque boîte mail de la campagne et où en est son propriétaire",
    empty: "Aucune boîte mail.",
    columns: {
      address: "Boîte mail",
      status: "Statut",
      asked: "Sollicitée",
      opened: "Ouvert",
      reconnected: "Reconnectée",
      linkEnds: "Fin du lien",
      reminders: "Relances",
    },
    ownerIs: "Lien pour {owner}",
    resend: "Renvoyer aux restants",
    resendHint:
      "Un nouveau lien à chaque boîte pas encore reconnectée (les liens précédents cessent de fonctionner).",
    resendNone: "Tout le monde s’est reconnecté : personne à qui renvoyer.",
    close: "Clore la campagne",
    closeConfirm:
      "Clore « {name} » ? Relances et renvois s’arrêtent ; les liens déjà envoyés fonctionnent jusqu’à leur expiration.",
    closeYes: "La clore",
    closeNo: "La garder ouverte",
    export: "Exporter en CSV",
    actionsHeading: "Actions",
  },
  statuses: {
    reconnected: "Reconnectée",
    opened: "Lien ouvert",
    asked: "Sollicitée",
    expired: "Lien expiré",
    mail_failed: "Échec du mail",
    waiting: "Pas encore sollicitée",
  },
  closedAlready: "Cette campagne est close : plus rien n’est envoyé pour elle.",
} as const;
