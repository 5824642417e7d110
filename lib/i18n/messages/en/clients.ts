export const clients = {
  title: "OAuth client configurations",
} as const;
