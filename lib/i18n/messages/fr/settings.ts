import type { settings as en } from "../en/settings";
import type { Translation } from "../../translation-shape";

export const settings: Translation<typeof en> = {
  title: "Réglages",
  intro:
    "Les réglages qui valent pour tous les membres de l’établissement « {tenant} ». Seuls ses administrateurs les modifient.",
  retention: {
    heading: "Durée de conservation du contenu des e-mails",
    explanation:
      "Relais ne garde l’objet, le texte et les pièces jointes de chaque e-mail que le temps de l’envoyer, et un peu plus pour que l’on puisse vérifier ce qui est parti. Ce nombre de jours après l’envoi, l’échec ou l’annulation d’un e-mail, ils sont supprimés. Reste la trace : la boîte d’envoi, qui l’a mis en file, à qui, quand, sa taille, son Message-ID et les réponses du serveur.",
    days: "Jours de conservation après l’envoi",
    hint: "De 1 à 3650 jours (10 ans). Par défaut : 30. Une durée plus courte s’applique aussi aux e-mails déjà envoyés, en quelques minutes.",
    save: "Enregistrer",
    saved:
      "Enregistré. Le contenu des e-mails est désormais supprimé {days, plural, one {# jour} other {# jours}} après l’envoi.",
    unchanged: "Rien n’a changé : la durée était déjà de {days, plural, one {# jour} other {# jours}}.",
    errors: {
      range: "Saisissez un nombre entier de jours, de 1 à 3650.",
    },
  },
  region: {
    heading: "Langue et fuseau horaire",
    explanation:
      "Chaque date et heure des pages de l’établissement, et des e-mails que Relais envoie à son sujet, est donnée dans le fuseau horaire de l’établissement, quel que soit celui de l’ordinateur du lecteur. Les e-mails aux personnes qui n’ont pas choisi de langue dans Relais sont écrits dans la langue de l’établissement.",
    current: "Les heures sont données dans le fuseau {zone}.",
    language: "Langue des e-mails",
    languageHint: "Pour les personnes qui n’ont pas choisi de langue ; le choix d’une personne l’emporte.",
    timeZone: "Fuseau horaire",
    timeZoneHint:
      "Tel que nommé dans la base IANA des fuseaux horaires, par exemple Europe/Paris, America/Toronto.",
    save: "Enregistrer",
    saved: "Enregistré. Les heures sont désormais données dans le fuseau {zone}.",
    unchanged: "Rien n’a changé.",
    errors: {
      language: "Choisissez l’anglais ou le français.",
      timeZone: "Choisissez un fuseau horaire dans la liste.",
    },
  },
  personalData: {
    heading: "Les données d’une personne",
    body: "Pour remettre à un membre une copie de ce que l’établissement détient sur lui, ou pour l’effacer, utilisez « Exporter les données » ou « Effacer les données » à côté de son nom, sur la page Membres. L’effacement dans tous les établissements, et celui du compte d’une personne, reviennent à l’opérateur de la plateforme.",
    membersLink: "Aller aux membres",
  },
};
