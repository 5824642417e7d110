/** lastErrorCode of a connection stopped because Microsoft has SMTP AUTH off for it (535 5.7.139). */
export const SMTP_AUTH_DISABLED = "smtp_auth_disabled";
