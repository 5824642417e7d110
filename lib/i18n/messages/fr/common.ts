import type { common as en } from "../en/common";
import type { Translation } from "../../translation-shape";

export const common: Translation<typeof en> = {
  appName: "Relais",
  tagline: "Le courrier des écoles par OAuth, sans mot de passe",
  language: "Langue",
  languages: { en: "English", fr: "Français" },
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
  actions: "Actions",
  tenantSwitcher: "Établissement",
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
