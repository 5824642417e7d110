import type { clients as en } from "../en/clients";
import type { Translation } from "../../translation-shape";

export const clients: Translation<typeof en> = {
  title: "Configurations de clients OAuth",
  validation: {
    nameRequired: "Donnez un nom à cette configuration.",
    nameTooLong: "Le nom est trop long (100 caractères au plus).",
    providerInvalid: "Choisissez un fournisseur.",
    clientIdRequired: "Saisissez l’ID client indiqué dans la console du fournisseur.",
    clientIdTooLong: "Cet ID client est trop long.",
    secretTooLong: "Ce secret client est trop long.",
    secretRequired: "Google exige le secret client d’une application Web.",
    urlRequired: "Saisissez l’adresse de ce point de terminaison.",
    urlInvalid: "Cette adresse n’est pas valide. Collez l’URL complète, commençant par https://.",
    urlNotHttps: "L’adresse doit commencer par https://.",
    urlHasCredentials: "L’adresse ne doit contenir ni nom d’utilisateur ni mot de passe.",
    urlNumericHost:
      "Écrivez le nom du serveur ou son adresse habituelle (quatre nombres séparés par des points).",
    urlPrivateHost:
      "Cette adresse désigne un réseau privé ou réservé ; Relais n’appelle que des serveurs publics.",
    scopesRequired: "Saisissez au moins une autorisation (scope).",
    scopeInvalid: "Une autorisation contient un caractère interdit (guillemets ou barre oblique inverse).",
    scopesTooMany: "Il y a trop d’autorisations (50 au plus).",
    flowInvalid: "Choisissez comment les boîtes aux lettres sont connectées.",
    pkceInvalid: "Indiquez s’il faut utiliser PKCE.",
    pkceRequiredWithoutSecret: "Sans secret client, PKCE doit rester activé.",
    deviceEndpointRequired:
      "Le flux « appareil » nécessite un point de terminaison d’appareil ; il ne peut pas être déduit de ce point d’autorisation.",
    googleDeviceMailScope:
      "Google n’autorise pas les autorisations de messagerie dans le flux « appareil ». Utilisez le flux par code d’autorisation.",
    smtpHostInvalid: "Saisissez le nom du serveur SMTP, par exemple smtp.gmail.com.",
    smtpHostPrivate:
      "Ce serveur SMTP est sur un réseau privé ou réservé ; Relais ne se connecte qu’à des serveurs publics.",
    smtpPortInvalid: "Saisissez un port entre 1 et 65535 (en général 465 ou 587).",
    smtpSecurityInvalid: "Choisissez TLS ou STARTTLS.",
  },
  warnings: {
    googleMailScopeMissing:
      "Sans l’autorisation https://mail.google.com/, l’envoi par SMTP échouera (gmail.send ne suffit pas).",
    googleUnexpectedHost:
      "Ce ne sont pas les adresses habituelles de Google (accounts.google.com et oauth2.googleapis.com). Vérifiez-les.",
    microsoftSmtpScopeMissing:
      "Sans l’autorisation https://outlook.office.com/SMTP.Send, l’envoi par SMTP échouera.",
    microsoftOfflineAccessMissing:
      "Sans l’autorisation offline_access, Microsoft n’envoie pas de jeton d’actualisation : les boîtes se déconnecteront au bout d’une heure.",
    microsoftUnexpectedHost:
      "Les adresses de Microsoft sont normalement sur login.microsoftonline.com. Vérifiez-les.",
    smtpPortUnusual: "Ce port SMTP est inhabituel. Les fournisseurs utilisent 465 (TLS) ou 587 (STARTTLS).",
    smtpSecurityMismatch: "Le port 465 utilise normalement TLS, et les ports 25, 587 et 2525 STARTTLS.",
  },
};
