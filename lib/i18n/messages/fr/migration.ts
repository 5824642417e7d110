import type { migration as en } from "../en/migration";
import type { Translation } from "../../translation-shape";

export const migration: Translation<typeof en> = {
  page: {
    title: "Abandonner le SMTP par mot de passe",
    intro:
      "Microsoft coupe le SMTP par mot de passe (authentification basique) fin décembre 2026. Importez le rapport des clients SMTP AUTH d’Exchange pour voir chaque appareil et logiciel qui envoie encore avec un mot de passe, puis faites passer chacun par le relais SMTP de Relais : une boîte connectée en OAuth et un compte de relais qui lui est propre.",
    empty: "Aucun rapport importé pour l’instant. Importez le premier pour voir le plan.",
  },
  totals: {
    heading: "Où en est l’établissement",
    moved: "{done, plural, one {# expéditeur migré} other {# expéditeurs migrés}} sur {count}",
    oauthIncluded:
      "Comptés comme migrés : {oauth, plural, one {# expéditeur} other {# expéditeurs}} déjà en OAuth.",
    caption: "Expéditeurs par état",
  },
  statusShort: {
    oauth: "OAuth",
    moved: "Migré",
    still_basic: "Toujours en Basic",
    waiting: "En attente",
    quiet: "Silencieux",
    to_do: "À faire",
  },
  chart: {
    heading: "Expéditeurs dans chaque rapport importé",
    basic: "Toujours en Basic",
    oauth: "En OAuth",
    moved: "Passés par le relais",
    summary:
      "Dernier rapport, {period} : {basic} toujours en Basic, {oauth} en OAuth, {moved, plural, one {# passé} other {# passés}} par le relais.",
    caption: "Expéditeurs par rapport importé",
    period: "Période du rapport",
  },
  upload: {
    heading: "Importer un rapport",
    where:
      "Dans le centre d’administration Exchange, ouvrez Rapports > Flux de courrier > Rapport des clients SMTP AUTH, choisissez une période, puis exportez-le en CSV. Indiquez ici la même période.",
    file: "Fichier du rapport (CSV)",
    periodStart: "Période du",
    periodEnd: "Période au",
    submit: "Importer le rapport",
    imported: "{count, plural, one {# expéditeur importé} other {# expéditeurs importés}} depuis {file}.",
    regressions:
      "De nouveau avec un mot de passe après leur migration : {addresses}. Les administrateurs de l’établissement en ont été avertis par courriel ({count, plural, one {# expéditeur} other {# expéditeurs}}).",
    refused:
      "Le rapport n’a pas été importé et rien n’a été modifié. Corrigez le fichier puis importez-le à nouveau.",
    problemLine: "Ligne {line} : {problem}",
    noFile: "Choisissez d’abord le fichier du rapport.",
    tooLarge: "Le fichier dépasse {size} : ce n’est pas un rapport des clients SMTP AUTH.",
    notText: "Le fichier n’est pas du texte en UTF-8 ou UTF-16. Exportez à nouveau le rapport en CSV.",
    failed: "Le fichier n’a pas pu être envoyé. Vérifiez la connexion et réessayez.",
    kept: "Le fichier lui-même n’est pas conservé : seulement la ligne de chaque expéditeur.",
  },
  imports: {
    heading: "Rapports importés",
    caption: "Rapports importés, du plus récent au plus ancien",
    period: "Période",
    file: "Fichier",
    importedAt: "Importé le",
    senders: "Expéditeurs",
    periodValue: "du {start} au {end}",
    sendersValue: "{count} ({basic} en Basic, {oauth} en OAuth)",
  },
  plan: {
    heading: "Expéditeurs",
    caption: "Le plan, une ligne par expéditeur",
    export: "Télécharger le plan (CSV)",
    scrollHint: "Le tableau défile horizontalement.",
    columns: {
      address: "Expéditeur",
      messages: "Messages",
      auth: "Authentification",
      tls: "TLS utilisé",
      listener: "Port du relais",
      proposal: "Proposition",
      status: "État",
      credential: "Compte de relais",
    },
    selectAll: "Sélectionner tous les expéditeurs",
    select: "Sélectionner {address}",
    selectToDo: "Sélectionner tout ce qui reste à faire ({count})",
    clearSelection: "Vider la sélection",
    selected: "{count, plural, one {# expéditeur sélectionné} other {# expéditeurs sélectionnés}}",
    notInLatest: "Absent du dernier rapport",
    noTls: "Pas de TLS",
    tlsShare: "TLS {version} : {share}",
    firstUsed: "Première utilisation le {date}",
    lastUsed: "Dernière utilisation le {date}",
    neverUsed: "Jamais utilisé",
    revoked: "Révoqué",
    noCredential: "Pas encore",
  },
  bulk: {
    heading: "Agir sur les expéditeurs sélectionnés",
    steps: "Étapes, chacune seulement si nécessaire",
    createMailbox: "Créer les boîtes manquantes",
    configuration: "Application OAuth des nouvelles boîtes",
    chooseConfiguration: "Choisir…",
    configurationRequired: "Choisissez l’application OAuth qu’utiliseront les nouvelles boîtes.",
    noConfiguration: "Ajoutez d’abord une application OAuth pour pouvoir créer des boîtes.",
    sendLink: "Envoyer un lien de connexion à chaque boîte non connectée (valable 14 jours)",
    createCredential:
      "Créer un compte de relais par expéditeur, limité à sa boîte, avec une fiche à imprimer",
    run: "Lancer pour {count, plural, one {# expéditeur} other {# expéditeurs}}",
    stop: "Arrêter après cet expéditeur",
    nothingSelected: "Cochez d’abord les expéditeurs à traiter.",
    noStep: "Cochez au moins une étape.",
    progressLabel: "Avancement",
    running: "En cours : {done} sur {total}…",
    finished: "Terminé : {done} sur {total}.",
    failures:
      "{count, plural, one {# expéditeur a} other {# expéditeurs ont}} une étape en échec : voir pourquoi ci-dessous.",
    stopped: "Arrêté après {done} sur {total}.",
    resultsHeading: "Résultat par expéditeur",
  },
  result: {
    mailbox: {
      done: "Boîte créée",
      already: "La boîte existe déjà",
      failed: "Boîte non créée",
    },
    link: {
      done: "Lien de connexion envoyé",
      already: "Déjà connectée : pas besoin de lien",
      failed: "Aucun lien de connexion envoyé",
    },
    credential: {
      done: "Compte de relais créé",
      already: "A déjà un compte de relais",
      failed: "Pas de compte de relais",
    },
    nothing: "Rien à faire",
    reason: "Pourquoi : {reason}",
    failed: "Échec : {reason}",
  },
  sheet: {
    heading: "Fiches des appareils",
    shownOnce:
      "Les mots de passe ne sont affichés que maintenant. Imprimez les fiches, ou recopiez-les, avant de quitter cette page : un mot de passe perdu oblige à créer un nouveau compte.",
    print: "Imprimer les fiches",
    title: "Réglages SMTP pour {address}",
    intro:
      "Pour la personne qui configure l’appareil ou le logiciel qui envoie en tant que {address} : à saisir à la place de ses réglages Microsoft 365.",
    server: "Serveur (hôte SMTP)",
    port: "Port",
    security: "Sécurité",
    authentication: "Authentification SMTP",
    authenticationValue: "Oui, avec ce nom d’utilisateur et ce mot de passe",
    username: "Nom d’utilisateur",
    password: "Mot de passe",
    from: "Adresse d’expéditeur (From) à utiliser",
    starttls: "STARTTLS",
    implicitTls: "SSL/TLS",
    none: "Aucune (réseau de l’établissement uniquement)",
    legacyStarttls: "STARTTLS, ancien TLS 1.0/1.1 accepté",
    legacyTls: "SSL/TLS, ancien TLS 1.0/1.1 accepté",
    tlsAlternative: "Si l’appareil ne propose que SSL/TLS : port {port} avec SSL/TLS.",
    legacyRisk:
      "Un risque : TLS 1.0 et 1.1 sont considérés comme cassés. Gardez cet appareil sur le réseau de l’établissement et prévoyez de le mettre à jour ou de le remplacer.",
    plainRisk:
      "Messages et mot de passe circulent en clair : utilisez l’adresse du serveur sur le réseau de l’établissement.",
    legacyNotConfigured:
      "Le port acceptant TLS 1.0/1.1 n’est pas installé sur ce serveur. Adressez-vous à l’opérateur de la plateforme, ou mettez l’appareil à jour vers TLS 1.2.",
    plainNotConfigured:
      "Le port sans chiffrement n’est pas installé sur ce serveur. Adressez-vous à l’opérateur de la plateforme, ou activez TLS dans l’appareil.",
    notConfigured:
      "Le relais n’est pas encore installé sur ce serveur. Adressez-vous à l’opérateur de la plateforme.",
  },
  auth: { basic: "Basic (mot de passe)", oauth: "OAuth", unknown: "Mot de passe (non précisé)" },
  listener: {
    tls: "STARTTLS (587) ou SSL/TLS (465)",
    legacy: "Port acceptant l’ancien TLS 1.0/1.1 (un risque)",
    plain: "Port sans chiffrement sur le réseau de l’établissement",
  },
  proposal: {
    connected: "Une boîte est déjà connectée dans Relais",
    send_link: "La boîte existe mais n’est pas connectée : envoyer un lien",
    create_mailbox: "Pas encore de boîte : la créer",
  },
  status: {
    oauth: "Fait : utilise déjà OAuth",
    moved: "Migré : a envoyé par Relais ces 7 derniers jours",
    still_basic: "Toujours en Basic après la création de son compte de relais",
    waiting: "En attente : compte de relais jamais utilisé",
    quiet: "Migré, mais silencieux depuis plus de 7 jours",
    to_do: "À faire",
  },
  csv: {
    address: "Expéditeur",
    messages: "Messages",
    auth: "Authentification",
    listener: "Port du relais",
    proposal: "Boîte",
    status: "État",
    username: "Nom d’utilisateur du relais",
    firstUsed: "Première utilisation",
    lastUsed: "Dernière utilisation",
  },
  mail: {
    regression: {
      subject:
        "{tenant} : {count, plural, one {un appareil envoie} other {# appareils envoient}} de nouveau avec un mot de passe",
      body: "Bonjour,\n\nLe dernier rapport des clients SMTP AUTH importé pour {tenant} montre {count, plural, one {un expéditeur qui était passé} other {# expéditeurs qui étaient passés}} par le relais SMTP de Relais et qui envoie de nouveau par Microsoft avec un mot de passe :\n\n{senders}\n\nLa cause habituelle est un appareil remis à ses anciens réglages. Reconfigurez-le d’après sa fiche (serveur, port, nom d’utilisateur et mot de passe de son compte de relais) : Microsoft refusera bientôt ces mots de passe.\n\nLe plan : {link}\n",
    },
  },
  errors: {
    empty: "Le fichier est vide.",
    unclosedQuote: "Un champ entre guillemets n’est jamais fermé (à partir de la ligne {line}).",
    missingColumns:
      "Ce fichier ne ressemble pas au rapport des clients SMTP AUTH : il manque les colonnes {columns}. Exportez-le à nouveau depuis le centre d’administration Exchange.",
    badAddress: "« {value} » n’est pas une adresse d’expéditeur.",
    badCount: "« {value} » n’est pas un nombre de messages.",
    badPercent: "Les parts TLS doivent être des pourcentages de 0 à 100.",
    noSender: "Le rapport ne liste aucun expéditeur.",
    tooManyLines: "Le rapport liste plus de {max} expéditeurs.",
    noMailboxForCredential: "Un compte de relais demande la boîte de l’expéditeur : créez-la d’abord.",
    noMailboxForLink: "Un lien de connexion demande la boîte de l’expéditeur : créez-la d’abord.",
    linkNotMailed:
      "Le lien de connexion n’a pas pu être envoyé par courriel. Renvoyez-le depuis la page de la boîte.",
    badPeriod:
      "Indiquez la période couverte par le rapport : une date de début et une date de fin, le début d’abord, 90 jours au plus.",
  },
};
