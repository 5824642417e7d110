import type { errors as en } from "../en/errors";
import type { Translation } from "../../translation-shape";

export const errors: Translation<typeof en> = {
  internal:
    "Une erreur est survenue. Si elle se reproduit, donnez cette référence à votre administrateur : {id}",
  unauthenticated: "Votre session a expiré. Veuillez vous reconnecter.",
  forbidden: "Vous n’avez pas l’autorisation de faire cela.",
  notFound: "Introuvable.",
  invalidInput: "Certains champs doivent être corrigés.",
  validation: {
    required: "Ce champ est obligatoire.",
    email: "Saisissez une adresse e-mail valide.",
    tooLong: "C’est trop long.",
    tooShort: "C’est trop court.",
    invalid: "Cette valeur n’est pas valide.",
  },
};
