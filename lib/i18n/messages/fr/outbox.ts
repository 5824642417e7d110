import type { Translation } from "../../translation-shape";
import type { outbox as en } from "../en/outbox";

export const outbox: Translation<typeof en> = {
  errors: {
    headerInjection: "Les retours à la ligne ne sont pas permis ici.",
    invalidAddress: "Saisissez des adresses simples (nom@exemple.fr), séparées par des virgules.",
    noRecipient: "Ajoutez au moins un destinataire.",
    tooManyRecipients: "Trop de destinataires pour un seul message chez ce fournisseur.",
    subjectTooLong: "L’objet compte au plus 998 caractères.",
    noBody: "Écrivez un texte ou un corps HTML.",
    attachmentTooLarge: "Une pièce jointe dépasse la taille permise.",
    attachmentName: "Une pièce jointe a un nom ou un type invalide.",
    tooManyAttachments: "Trop de pièces jointes.",
    messageTooLarge: "Le message, pièces jointes comprises, dépasse la taille permise.",
    sendAtInvalid: "Choisissez une heure d’envoi valide, dans l’année.",
    mailboxUnknown: "Cette boîte n’existe pas ou vous ne pouvez pas l’utiliser.",
    mailboxRevoked: "Cette boîte a été révoquée : reconnectez-la avant d’envoyer.",
    notCancellable: "Seul un message en attente ou retenu peut être annulé.",
    idempotencyConflict: "Cette clé d’idempotence a déjà servi à un autre expéditeur.",
    notRetryable: "Seul un message en échec peut être relancé.",
  },
  apiKeys: {
    noMailbox: "Choisissez au moins une boîte de cet établissement.",
  },
};
