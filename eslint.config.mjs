import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  { ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", ".relais-data/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // One format per kind of date, in the reader's conventions and the school's zone:
    // dates are formatted by lib/i18n/dates only (docs/dates-and-time-zones.md).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/i18n/dates/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: "Format dates with lib/i18n/dates/formats.ts.",
        },
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]",
          message: "Format dates with lib/i18n/dates/formats.ts.",
        },
      ],
    },
  },
  {
    // useTestDatabase() registers vitest hooks; it is not a React hook.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
