export const audit = {
  title: "",
} as const;
