import type { charts as en } from "../en/charts";
import type { Translation } from "../../translation-shape";

export const charts: Translation<typeof en> = {
  ranges: {
    label: "Période",
    "24h": "24 heures",
    "7d": "7 jours",
    "30d": "30 jours",
    "90d": "90 jours",
  },
  legendItem: "{label} : {count}",
  showTable: "Afficher les chiffres sous forme de tableau",
  mail: {
    heading: "Courriels envoyés, en échec et retenus",
    caption: {
      "24h": "Courriels par heure sur les dernières 24 heures",
      "7d": "Courriels par jour sur les 7 derniers jours",
      "30d": "Courriels par jour sur les 30 derniers jours",
      "90d": "Courriels par jour sur les 90 derniers jours",
    },
    summary:
      "{caption} : {sent, plural, one {# envoyé} other {# envoyés}}, {failed} en échec, {held, plural, one {# retenu} other {# retenus}}.",
    sent: "Envoyés",
    failed: "En échec",
    held: "Retenus",
    totals: "Totaux de la période",
    hour: "Heure",
    day: "Jour",
    xHour: "Heure ({zone})",
    xDay: "Jour ({zone})",
    y: "Courriels",
    barTitle:
      "{when} : {sent, plural, one {# envoyé} other {# envoyés}}, {failed} en échec, {held, plural, one {# retenu} other {# retenus}}",
    empty: "Aucun courriel sur cette période.",
    definitions: {
      hour: "Chaque courriel compte une fois, selon son état actuel : envoyé dans l’heure de son envoi, en échec dans l’heure de son échec définitif, retenu dans l’heure de sa mise en file s’il est toujours retenu, en attente de la reconnexion de sa boîte ou de la fin de sa pause. Les heures sont celles du fuseau horaire de l’établissement, {zone}.",
      day: "Chaque courriel compte une fois, selon son état actuel : envoyé le jour de son envoi, en échec le jour de son échec définitif, retenu le jour de sa mise en file s’il est toujours retenu, en attente de la reconnexion de sa boîte ou de la fin de sa pause. Les jours sont ceux du fuseau horaire de l’établissement, {zone}.",
    },
  },
  ending: {
    heading: "Connexions qui prennent fin",
    caption: "Boîtes connectées dont l’autorisation prend fin d’ici 30, 60 et 90 jours",
    period: "Fin",
    within: "D’ici {days} jours",
    count: "Connexions",
    none: "Aucune connexion ne prend fin dans les 90 prochains jours.",
    explain:
      "La fin que prévoit la liste des boîtes : celle annoncée par le fournisseur, ou 90 jours après le dernier renouvellement d’une connexion Microsoft (six mois pour Google), sauf si elle sert d’ici là. Chaque ligne compte aussi celles du dessus, et une fin déjà passée.",
    link: "Les voir dans la liste des boîtes, fin la plus proche d’abord",
  },
  migration: {
    x: "Fin de la période du rapport",
    y: "Expéditeurs",
  },
  operator: {
    heading: "Courriels et connexions par établissement",
    caption: "Courriels et connexions qui prennent fin, par établissement",
    intro:
      "Courriels de la période, comptés comme sur la vue d’ensemble de chaque établissement, dans son propre fuseau horaire ; connexions qui prennent fin, comptées à partir de maintenant.",
    school: "Établissement",
    sent: "Envoyés",
    failed: "En échec",
    held: "Retenus",
    mailGroup: "Courriels sur {period}",
    bar: "Barre",
    ending: "Connexions qui prennent fin",
    within: "≤ {days} jours",
    endingLegend: "Connexions qui prennent fin d’ici 30 jours, de 31 à 60, de 61 à 90",
  },
};
