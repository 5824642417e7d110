import type { dashboard as en } from "../en/dashboard";
import type { Translation } from "../../translation-shape";

export const dashboard: Translation<typeof en> = {
  title: "Vue d’ensemble",
  loading: "Chargement des chiffres…",
  loadFailed: "Les chiffres n’ont pas pu être chargés. Nouvel essai dans un instant.",
  updated: "Mis à jour à {time}, actualisé automatiquement.",
  states: {
    heading: "Boîtes par état",
    caption: "Nombre de boîtes dans chaque état de connexion",
    state: "État",
    count: "Boîtes",
  },
  dying: {
    heading: "Connexions qui prennent fin d’ici {days} jours",
    none: "Aucune.",
    total: "{count} connexions prendront fin si elles ne sont pas utilisées ou reconnectées.",
    endsAt: "fin le {date}",
  },
  broken: {
    heading: "Applications OAuth refusées",
    none: "Aucune.",
    since: "refusée depuis le {date}",
  },
  queue: {
    heading: "Courriels en attente",
    detail: "{queued} en file, {held} retenus, {sending} en cours d’envoi",
  },
  sent24h: "Envoyés ces dernières 24 heures",
  failed24h: "En échec ces dernières 24 heures",
  chart: {
    heading: "Courriels par heure, dernières 24 heures",
    label: "Courriels envoyés et en échec par heure sur les dernières 24 heures",
    hour: "Heure",
    sent: "Envoyés",
    failed: "En échec",
    showTable: "Afficher les chiffres sous forme de tableau",
  },
  table: {
    configuration: "Application OAuth",
    anyConfiguration: "Toutes les applications",
    provider: "Fournisseur",
    anyProvider: "Tous les fournisseurs",
    member: "Attribuée à",
    anyMember: "N’importe qui",
    sort: "Trier par",
    dir: "Ordre",
    asc: "Croissant",
    desc: "Décroissant",
    pageSize: "Par page",
    sorts: {
      address: "Adresse",
      name: "Nom",
      state: "État",
      expiry: "Fin de la connexion",
      lastUsed: "Dernière utilisation",
    },
  },
  member: {
    intro: "Les boîtes qui vous sont attribuées et l’état de leur connexion.",
    open: "Ouvrir Mes boîtes",
    none: "Aucune boîte ne vous est attribuée dans cet établissement.",
    caption: "Vos boîtes",
    address: "Boîte",
    state: "État",
  },
};
