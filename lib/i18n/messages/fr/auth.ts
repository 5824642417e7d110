import type { auth as en } from "../en/auth";
import type { Translation } from "../../translation-shape";

export const auth: Translation<typeof en> = {
  signIn: {
    title: "Connexion à Relais",
    email: "Adresse e-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    invalid: "Adresse e-mail ou mot de passe incorrect.",
    throttled: "Trop de tentatives échouées. Patientez quelques minutes, puis réessayez.",
    orLink: "Ou recevez un lien de connexion à usage unique par e-mail",
    requestLink: "M’envoyer un lien de connexion",
    linkSent:
      "Si un compte existe pour cette adresse, un lien de connexion vient d’être envoyé. Il fonctionne une fois, pendant 15 minutes.",
    signedOut: "Vous êtes déconnecté.",
    demo: {
      heading: "Ceci est une démonstration",
      intro: "Connectez-vous avec l’un de ces comptes. Tous utilisent le mot de passe {password}.",
      admin:
        "Administratrice des deux établissements de démonstration : applications, boîtes, envois, relais",
      member: "Enseignant à {school} : ses propres boîtes aux lettres",
      operator: "Opératrice de la plateforme : tous les établissements, l’état de la plateforme",
    },
  },
  link: {
    title: "Connexion par lien",
    confirm: "Continuer vers Relais",
    expired: "Ce lien de connexion a expiré.",
    used: "Ce lien de connexion a déjà été utilisé.",
    unknown: "Ce lien de connexion n’est pas valide.",
    requestNew: "Demander un nouveau lien",
  },
  linkMail: {
    subject: "Votre lien de connexion à Relais",
    body: "Bonjour,\n\nOuvrez ce lien pour vous connecter à Relais. Il fonctionne une fois, pendant {minutes} minutes :\n\n{link}\n\nSi vous ne l’avez pas demandé, ignorez ce message.",
  },
};
