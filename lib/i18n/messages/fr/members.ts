import type { members as en } from "../en/members";
import type { Translation } from "../../translation-shape";

export const members: Translation<typeof en> = {
  title: "Membres",
  intro: "Les personnes qui peuvent se connecter à {tenant}, et les invitations en attente de réponse.",
  table: {
    title: "Personnes",
    email: "Adresse e-mail",
    name: "Nom",
    role: "Rôle",
    joined: "Arrivée",
    you: "vous",
    empty: "Aucun membre pour l’instant.",
  },
  role: {
    makeAdmin: "Nommer administrateur",
    makeMember: "Passer en membre",
    changed: "{email} est désormais : {role}.",
  },
  remove: {
    button: "Retirer",
    confirm: "Retirer {email} de {tenant} ? Cette personne perd l’accès immédiatement.",
    confirmButton: "Oui, retirer",
    removed: "{email} ne fait plus partie de {tenant}.",
  },
  personalData: {
    export: "Exporter les données",
    exportLabel: "Exporter les données de {email} (un fichier JSON de ce que détient {tenant})",
    erase: "Effacer les données",
    eraseConfirm:
      "Effacer les données personnelles de {email} détenues par {tenant} ? Son appartenance, ses boîtes attribuées et ses invitations ici sont supprimées, le contenu des e-mails mis en file par cette personne est supprimé tout de suite (ceux qui attendent encore sont annulés), et le journal d’audit de l’établissement la désigne désormais par un pseudonyme. C’est définitif.",
    eraseConfirmButton: "Oui, effacer",
    erased:
      "Les données personnelles de {email} détenues par {tenant} sont effacées ; le journal d’audit la désigne désormais par {label}. Un compte utilisé ailleurs dans Relais n’est pas touché : l’opérateur de la plateforme l’efface sur demande.",
    eraseSelf:
      "Vous ne pouvez pas effacer vos propres données ici : demandez-le à un autre administrateur, ou à l’opérateur de la plateforme.",
    lastAdmin:
      "Un établissement doit garder au moins un administrateur : cette personne est la dernière, ses données ne peuvent donc pas être effacées. Nommez d’abord quelqu’un d’autre administrateur.",
    lastAdminOf:
      "{email} est le dernier administrateur de {schools} : nommez-y d’abord quelqu’un d’autre administrateur, puis effacez de nouveau.",
  },
  lastAdmin: {
    demote:
      "Un établissement doit garder au moins un administrateur : nommez d’abord quelqu’un d’autre administrateur.",
    remove:
      "Un établissement doit garder au moins un administrateur : cette personne est la dernière, elle ne peut pas être retirée.",
  },
  invitations: {
    title: "Invitations en attente",
    email: "Adresse e-mail",
    role: "Rôle",
    expires: "Expire le",
    expired: "Expirée le {date}",
    invitedBy: "Invité par",
    empty: "Aucune invitation en attente.",
    revoke: "Annuler",
    revoked: "L’invitation de {email} est annulée ; son lien ne fonctionne plus.",
    resend: "Renvoyer",
    resent: "Une nouvelle invitation a été envoyée à {email}. Le lien précédent ne fonctionne plus.",
    notPending: "Cette invitation a déjà été acceptée ou annulée.",
  },
  invite: {
    title: "Inviter quelqu’un",
    email: "Adresse e-mail",
    role: "Rôle",
    submit: "Envoyer l’invitation",
    sent: "Invitation envoyée à {email}. Le lien est valable 7 jours.",
    alreadyMember: "Cette personne est déjà membre de cet établissement.",
  },
  mail: {
    subject: "Vous êtes invité à rejoindre {tenant} sur Relais",
    body: "Bonjour,\n\n{inviter} vous invite à rejoindre {tenant} sur Relais en tant que {role}.\n\nOuvrez ce lien pour accepter. Il ne sert qu’une fois, pendant {days} jours, jusqu’au {until} :\n\n{link}\n\nSi vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.",
  },
  accept: {
    title: "Rejoindre {tenant}",
    invitedAs: "Cette invitation est destinée à {email}, en tant que {role}.",
    newAccount: "Créez votre compte Relais pour l’accepter.",
    setPassword: "Choisissez un mot de passe pour votre compte afin de l’accepter.",
    name: "Votre nom",
    password: "Mot de passe",
    passwordHint: "Au moins {min} caractères.",
    passwordConfirmation: "Mot de passe (confirmation)",
    submit: "Accepter et rejoindre",
    signInFirst:
      "Vous avez déjà un compte Relais. Connectez-vous avec ce compte pour accepter cette invitation.",
    signInLink: "Se connecter pour accepter",
    signedInAs: "Vous êtes connecté en tant que {email}.",
    acceptButton: "Accepter l’invitation",
    wrongAccount:
      "Vous êtes connecté en tant que {current}, mais cette invitation est destinée à {email}. Déconnectez-vous, puis connectez-vous en tant que {email} pour l’accepter.",
    signOutAndSwitch: "Se déconnecter et changer de compte",
    signedInElsewhere:
      "Vous êtes connecté en tant que {current}. Accepter crée un compte distinct pour {email} et vous connecte avec celui-ci.",
    accepted: "Bienvenue dans {tenant}. Redirection en cours…",
    goToTenant: "Aller à {tenant}",
    errors: {
      passwordTooShort: "Ce mot de passe est trop court.",
      passwordTooLong: "Ce mot de passe est trop long.",
      passwordMismatch: "Les deux mots de passe ne sont pas identiques.",
      signInRequired: "Connectez-vous d’abord avec votre compte, puis acceptez l’invitation.",
      wrongAccount: "Cette invitation est destinée à un autre compte.",
      accountDisabled: "Ce compte est désactivé. Adressez-vous à l’administrateur de votre établissement.",
    },
    states: {
      expired: "Cette invitation a expiré.",
      used: "Cette invitation a déjà été utilisée.",
      revoked: "Cette invitation a été annulée, ou remplacée par une plus récente.",
      unknown: "Ce lien d’invitation n’est pas valide.",
    },
    help: {
      expired:
        "Les invitations sont valables 7 jours. Vous pouvez en demander une nouvelle aux administrateurs de l’établissement.",
      used: "Si vous l’avez acceptée, connectez-vous pour accéder à votre établissement. Sinon, vous pouvez demander une nouvelle invitation.",
      revoked:
        "Cherchez une invitation plus récente dans votre messagerie, ou demandez à la personne qui vous a invité de vous en envoyer une nouvelle.",
      unknown:
        "Vérifiez que vous avez ouvert le lien complet reçu par e-mail. S’il ne fonctionne toujours pas, demandez une nouvelle invitation à la personne qui vous a invité.",
    },
    signIn: "Se connecter",
  },
  reinvite: {
    button: "Demander une nouvelle invitation",
    sent: "C’est fait : les administrateurs de {tenant} ont été invités à vous envoyer une nouvelle invitation.",
    tooSoon: "Vous l’avez déjà demandé il y a moins d’une heure ; les administrateurs ont été prévenus.",
    notAllowed:
      "Une nouvelle invitation ne peut être demandée qu’à partir d’une invitation expirée ou déjà utilisée.",
    mailSubject: "{email} demande une nouvelle invitation à {tenant}",
    mailBody:
      "Bonjour,\n\n{email} a ouvert une invitation à {tenant} sur Relais qui n’est plus valable ({state}) et demande à être invité de nouveau.\n\nSi c’est attendu, envoyez une nouvelle invitation depuis la page des membres :\n\n{link}\n\nSinon, vous pouvez ignorer ce message.",
    mailStates: {
      expired: "expirée",
      used: "déjà utilisée",
    },
  },
};
