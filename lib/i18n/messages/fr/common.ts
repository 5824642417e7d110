import type { common as en } from "../en/common";
import type { Translation } from "../../translation-shape";

export const common: Translation<typeof en> = {
  appName: "Relais",
  tagline: "Le courrier des écoles par OAuth, sans mot de passe",
  language: "Langue",
  languages: { en: "English", fr: "Français" },
  languageNames: { en: "Anglais", fr: "Français" },
  dates: {
    withZone: "{moment} (fuseau {zone})",
    shownIn: "Les heures sont données dans le fuseau {zone}.",
  },
  signOut: "Se déconnecter",
  save: "Enregistrer",
  cancel: "Annuler",
  delete: "Supprimer",
  confirm: "Confirmer",
  back: "Retour",
  loading: "Chargement…",
  yes: "Oui",
  no: "Non",
  never: "Jamais",
  none: "Aucun",
  bytes: { bytes: "{size} o", kilobytes: "{size} Ko", megabytes: "{size} Mo", gigabytes: "{size} Go" },
  actions: "Actions",
  tenantSwitcher: "Établissement",
  menu: "Menu",
  filters: {
    show: "Filtres",
    active: "{count, plural, one {Filtres (# actif)} other {Filtres (# actifs)}}",
  },
  progress: {
    mailboxes: "{done} sur {total, plural, one {# boîte} other {# boîtes}}",
    stop: "Arrêter",
    stopping: "Arrêt après la partie en cours…",
    keepOpen:
      "Gardez cette page ouverte jusqu’à la fin : ce qui est fait reste fait si vous la quittez, le reste n’est pas fait.",
    lost: "Le serveur n’a pas pu être joint : rien de plus n’a été envoyé. Ce qui avait été fait reste fait.",
    uploading: "Envoi du fichier : {percent}",
    checking: "Fichier reçu : vérification et enregistrement…",
    uploadKeepOpen:
      "Gardez cette page ouverte jusqu’à l’envoi complet du fichier. Rien n’est enregistré avant que tout le fichier soit vérifié.",
  },
  nav: {
    overview: "Vue d’ensemble",
    members: "Membres",
    audit: "Journal d’audit",
    clients: "Applications OAuth",
    mailboxes: "Boîtes mail",
    myMailboxes: "Mes boîtes mail",
    outbox: "Boîte d’envoi",
    apiKeys: "Clés d’API",
    relay: "Relais SMTP",
    migration: "Migration",
    webhooks: "Webhooks",
    settings: "Réglages",
    operator: "Plateforme",
  },
  roles: { admin: "Administrateur", member: "Membre", operator: "Opérateur de la plateforme" },
  noTenant: {
    title: "Aucun établissement",
    body: "Vous êtes connecté en tant que {email}, mais vous n’appartenez encore à aucun établissement. Demandez une invitation à l’administrateur informatique de votre établissement.",
  },
  notFound: {
    title: "Introuvable",
    body: "Cette page n’existe pas, ou vous n’y avez pas accès.",
  },
};
