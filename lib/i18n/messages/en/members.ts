export const members = {
  title: "",
} as const;
