import type { devMail as en } from "../en/devMail";
import type { Translation } from "../../translation-shape";

export const devMail: Translation<typeof en> = {
  title: "E-mails capturés",
  intro:
    "Aucun serveur de courrier n’est configuré (RELAIS_SMTP_URL) : les e-mails envoyés par Relais (invitations, liens de connexion) sont conservés ici. Cette page n’existe qu’en développement et en démonstration.",
  smtpConfigured:
    "RELAIS_SMTP_URL est défini : les nouveaux e-mails partent par ce serveur et n’apparaissent plus ici.",
  filterTo: "Le destinataire contient",
  filter: "Afficher",
  showAll: "Tout afficher",
  empty: "Aucun e-mail capturé pour l’instant.",
  to: "À",
  subject: "Objet",
  when: "Capturé (fuseau {zone})",
  shown: "Les {count} e-mails les plus récents, le plus récent d’abord.",
  unreadable:
    "Le texte de cet e-mail ne peut pas être ouvert ici : il a été chiffré avec une autre clé (un autre processus, ou avant un redémarrage sans RELAIS_ENCRYPTION_KEY). Donnez la même RELAIS_ENCRYPTION_KEY à tous les processus.",
};
