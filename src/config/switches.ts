import type { Settings } from "./schema.js";

export type RecoveringComponent = "pm2" | "workflows" | "netlify";

/** Whether a component may act: the top-level master switch and the section's own switch. */
export function recoveryEnabled(settings: Settings, component: RecoveringComponent): boolean {
  if (!settings["auto-recovery"]) return false;
  switch (component) {
    case "pm2":
      return settings.pm2["auto-recovery"];
    case "workflows":
      return settings.workflows["auto-trigger"];
    case "netlify":
      return settings.netlify["auto-deploy"];
  }
}
