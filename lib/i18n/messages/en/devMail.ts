export const devMail = {
  title: "",
} as const;
