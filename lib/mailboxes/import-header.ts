/**
 * Sent by the import page with its upload. A cross-site form cannot send a
 * custom header, and a cross-site fetch would need a CORS preflight, which
 * the upload route never grants.
 */
export const importHeader = "x-relais-import";
