import type { operator as en } from "../en/operator";
import type { Translation } from "../../translation-shape";

export const operator: Translation<typeof en> = {
  title: "Plateforme",
  intro:
    "Les établissements de ce Relais. Invitez les administrateurs de chaque établissement depuis sa ligne ; ils ajoutent ensuite les autres personnes.",
  tenants: {
    heading: "Établissements",
    empty: "Aucun établissement pour l’instant. Créez le premier ci-dessous.",
    slug: "Nom court",
    name: "Nom",
    members: "Membres",
    created: "Créé le",
    status: "État",
    active: "Actif",
    suspended: "Suspendu",
  },
  inviteAdmin: {
    open: "Inviter un administrateur",
    title: "Inviter un administrateur de {name}",
    email: "Adresse e-mail",
    submit: "Envoyer l’invitation",
    sent: "Invitation envoyée à {email}. La personne devient administratrice de {name} quand elle l’accepte.",
    noAdmin: "Aucun administrateur pour l’instant",
  },
  create: {
    heading: "Créer un établissement",
    slug: "Nom court",
    slugHint:
      "Utilisé dans les adresses : 2 à 48 lettres minuscules, chiffres et tirets, par exemple lycee-victor-hugo.",
    name: "Nom",
    nameHint: "Tel que les personnes de l’établissement le connaissent, par exemple Lycée Victor Hugo.",
    submit: "Créer l’établissement",
    created:
      "L’établissement {name} a été créé. Invitez maintenant son premier administrateur depuis sa ligne dans la liste ci-dessus.",
  },
  errors: {
    slugTaken: "Le nom court {slug} est déjà pris.",
    slugTakenField: "Ce nom court est déjà pris.",
    slugInvalid:
      "Utilisez 2 à 48 lettres minuscules, chiffres et tirets, en commençant et en finissant par une lettre ou un chiffre.",
    slugReserved: "Ce nom court est réservé par Relais ; choisissez-en un autre.",
    nameRequired: "Saisissez le nom de l’établissement.",
    nameTooLong: "Le nom peut compter au plus 120 caractères.",
  },
  people: {
    errors: {
      tenantNotFound: "Aucun établissement n’a le nom court {slug}.",
      userNotFound: "Aucun compte n’a l’adresse {email}.",
      passwordTooShort: "Le mot de passe doit compter au moins 10 caractères.",
      passwordTooLong: "Le mot de passe peut compter au plus 200 caractères.",
      roleNeedsTenant: "Un rôle suppose un établissement : indiquez l’établissement et le rôle.",
      tenantNeedsRole: "Indiquez le rôle de la personne dans l’établissement : admin ou member.",
      roleInvalid: "Le rôle est admin ou member.",
    },
  },
};
