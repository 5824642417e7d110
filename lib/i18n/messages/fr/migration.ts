import type { migration as en } from "../en/migration";
import type { Translation } from "../../translation-shape";

export const migration: Translation<typeof en> = {
  auth: { basic: "Basic (mot de passe)", oauth: "OAuth", unknown: "Mot de passe (non précisé)" },
  listener: {
    tls: "STARTTLS (587) ou TLS (465)",
    legacy: "Écoute TLS 1.0/1.1 ancienne (un risque)",
    plain: "Écoute sans chiffrement sur le réseau de l’établissement",
  },
  proposal: {
    connected: "Une boîte est déjà connectée dans Relais",
    send_link: "La boîte existe mais n’est pas connectée : envoyer un lien",
    create_mailbox: "Pas encore de boîte : la créer",
  },
  status: {
    oauth: "Fait : utilise déjà OAuth",
    moved: "Migré : a envoyé par Relais ces 7 derniers jours",
    still_basic: "Toujours en Basic après la création de son identifiant",
    waiting: "En attente : identifiant jamais utilisé",
    quiet: "Migré, mais silencieux depuis plus de 7 jours",
    to_do: "À faire",
  },
  csv: {
    address: "Expéditeur",
    messages: "Messages",
    auth: "Authentification",
    listener: "Écoute du relais",
    proposal: "Boîte",
    status: "État",
    username: "Identifiant relais",
    firstUsed: "Première utilisation",
    lastUsed: "Dernière utilisation",
  },
  mail: {
    regression: {
      subject:
        "{tenant} : {count, plural, one {un appareil envoie} other {# appareils envoient}} de nouveau avec un mot de passe",
      body: "Bonjour,\n\nLe dernier rapport des clients SMTP AUTH importé pour {tenant} montre {count, plural, one {un expéditeur qui était passé} other {# expéditeurs qui étaient passés}} par le relais SMTP de Relais et qui envoie de nouveau par Microsoft avec un mot de passe :\n\n{senders}\n\nLa cause habituelle est un appareil remis à ses anciens réglages. Reconfigurez-le d’après sa fiche (serveur, port, identifiant et mot de passe de son identifiant relais) : Microsoft refusera bientôt ces mots de passe.\n\nLe plan : {link}\n",
    },
  },
  errors: {
    empty: "Le fichier est vide.",
    unclosedQuote: "Un champ entre guillemets n’est jamais fermé (à partir de la ligne {line}).",
    missingColumns:
      "Ce fichier ne ressemble pas au rapport des clients SMTP AUTH : il manque les colonnes {columns}. Exportez-le à nouveau depuis le centre d’administration Exchange.",
    badAddress: "« {value} » n’est pas une adresse d’expéditeur.",
    badCount: "« {value} » n’est pas un nombre de messages.",
    badPercent: "Les parts TLS doivent être des pourcentages de 0 à 100.",
    noSender: "Le rapport ne liste aucun expéditeur.",
    tooManyLines: "Le rapport liste plus de {max} expéditeurs.",
    noMailboxForCredential: "Un identifiant relais demande la boîte de l’expéditeur : créez-la d’abord.",
    badPeriod:
      "Indiquez la période couverte par le rapport : une date de début et une date de fin, le début d’abord, 90 jours au plus.",
  },
};
