import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/db/generated/**",
      ".relais-data/**",
      "dist/**",
      "next-env.d.ts",
    ],
  },
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
    // The map of docs/architecture.md, checked: what each part may not import.
    files: ["app/**", "components/**", "lib/**", "scripts/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib/ is the domain: pages and components use it, never the reverse.",
            },
            {
              target: ["./app", "./components"],
              from: "./lib/db",
              message: "Pages and components get data from lib/ functions, never from the database layer.",
            },
            {
              target: ["./app", "./components", "./lib", "./scripts"],
              from: ["./tests", "./bench"],
              message: "Production code does not depend on tests or benchmarks.",
            },
            {
              // The fakes and the demo (docs/fake-providers.md). The demo's command and the
              // fakes' command start them; the demo's sign-in page lists its accounts (below).
              target: ["./app", "./lib", "./scripts/!(demo.ts|fake-providers.ts)"],
              from: "./dev",
              message: "dev/ holds the fake providers and the demo: production code does not depend on them.",
            },
            {
              target: "./components",
              from: "./dev",
              except: ["./demo/demo-accounts.ts"],
              message:
                "dev/ holds the fake providers and the demo: only the demo's account list (data) reaches the sign-in page.",
            },
            {
              target: [
                "./lib/db",
                "./lib/crypto",
                "./lib/net",
                "./lib/log",
                "./lib/http",
                "./lib/i18n",
                "./lib/csv",
              ],
              from: "./lib",
              except: [
                "./db",
                "./crypto",
                "./net",
                "./log",
                "./http",
                "./i18n",
                "./csv",
                "./errors",
                "./ids",
              ],
              message:
                "The base layer (db, crypto, net, log, http, i18n, csv, errors, ids) knows no feature of lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // The worker and the relay run lib/ without Next.js: only server actions and the request adapters import it.
    files: ["lib/**"],
    ignores: [
      "lib/**/*-actions.ts",
      "lib/auth/session.ts",
      "lib/auth/options.ts",
      "lib/auth/page-tenant-context.ts",
      "lib/auth/set-locale-action.ts",
      "lib/i18n/server.ts",
      "lib/log/request-log.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom"],
              message:
                "lib/ runs in the worker and the relay too: keep Next.js and React in app/, components/ and *-actions.ts.",
            },
          ],
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
