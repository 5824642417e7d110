import type { audit as en } from "../en/audit";
import type { Translation } from "../../translation-shape";

export const audit: Translation<typeof en> = {
  title: "Journal d’audit",
  intro: "Chaque modification faite dans cet établissement, la plus récente d’abord. Heures en UTC.",
  filters: {
    legend: "Filtrer le journal",
    action: "Action",
    anyAction: "Toutes les actions",
    actor: "Qui (l’adresse contient)",
    target: "La cible contient",
    from: "Du (UTC)",
    to: "Au (UTC, inclus)",
    apply: "Filtrer",
    reset: "Effacer les filtres",
    ignored: "Certains filtres n’ont pas été compris et n’ont pas été appliqués.",
  },
  export: "Exporter en CSV",
  columns: {
    when: "Quand (UTC)",
    who: "Qui",
    action: "Action",
    target: "Cible",
    ip: "Adresse IP",
    details: "Détails",
  },
  empty: "Aucune entrée ne correspond.",
  pagination: {
    label: "Pages du journal",
    newest: "Les plus récentes",
    newer: "Plus récentes",
    older: "Plus anciennes",
  },
  actions: {
    tenant: { created: "Établissement créé" },
    user: { created: "Compte créé", password_set: "Mot de passe défini" },
    operator: {
      granted: "Droits d’opérateur de la plateforme accordés",
      revoked: "Droits d’opérateur de la plateforme retirés",
    },
    member: {
      added: "Membre ajouté",
      invited: "Membre invité",
      role_changed: "Rôle modifié",
      removed: "Membre retiré",
    },
    invitation: {
      accepted: "Invitation acceptée",
      revoked: "Invitation révoquée",
      resent: "Invitation renvoyée",
      reinvite_requested: "Nouvelle invitation demandée",
    },
    client: {
      created: "Configuration OAuth créée",
      updated: "Configuration OAuth modifiée",
      duplicated: "Configuration OAuth dupliquée",
      deleted: "Configuration OAuth supprimée",
      tested: "Configuration OAuth testée",
      broken: "Configuration OAuth refusée par le fournisseur",
    },
    mailbox: {
      created: "Boîte mail ajoutée",
      updated: "Boîte mail modifiée",
      deleted: "Boîte mail supprimée",
      imported: "Boîtes mail importées",
      members_changed: "Attribution de la boîte mail modifiée",
      connected: "Boîte connectée",
      connect_failed: "Échec de connexion de la boîte",
      needs_reconnect: "Boîte à reconnecter",
      owner_notified: "Propriétaires invités à reconnecter",
      revoked: "Connexion révoquée",
      provider_revocation_failed: "Le fournisseur n’a pas pu être informé d’une révocation",
    },
    connect_link: {
      created: "Lien de connexion envoyé",
      revoked: "Lien de connexion révoqué",
    },
    api_key: {
      created: "Clé d’API créée",
      revoked: "Clé d’API révoquée",
    },
    relay_credential: {
      created: "Compte de relais créé",
      revoked: "Compte de relais révoqué",
    },
    migration: {
      report_imported: "Rapport des clients SMTP AUTH importé",
      sender_moved: "Expéditeur passé par le relais",
    },
  },
};
