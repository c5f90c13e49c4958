export { loadConfig, parseConfig, flattenSettings } from "./load.js";
export type { LoadOptions, LoadedConfig, SettingSource, SettingLeaf } from "./load.js";
export { DEFAULT_CONFIG_PATH, DEFAULT_LOG_PATTERNS, DURATION_KEYS, SIZE_KEYS, configSchema } from "./schema.js";
export type { Settings, ParsedConfig, Pm2Settings, HostConfig, NetlifySite, IgnoreEntry } from "./schema.js";
export { ENV_OVERRIDES, readEnvOverrides } from "./env.js";
export { ConfigValidationError, type ConfigProblem } from "./problems.js";
export { hostThresholds, type HostThresholds } from "./thresholds.js";
export { configJsonSchema, configJsonSchemaText } from "./json-schema.js";
export { recoveryEnabled, type RecoveringComponent } from "./switches.js";
