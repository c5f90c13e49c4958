import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ConfigValidationError, loadConfig, type LoadedConfig } from "../../src/config/index.js";

/** A temp directory holding config files; removed by `cleanup()`. */
export class ConfigDir {
  readonly root = mkdtempSync(join(tmpdir(), "redundancy-config-"));

  write(relative: string, text: string): string {
    const path = join(this.root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return relative;
  }

  load(text: string, env: Record<string, string> = {}): Promise<LoadedConfig> {
    const file = this.write("redundancy.yml", text);
    return loadConfig({ file, env, cwd: this.root });
  }

  /** The error a bad config gives; fails the test when it loads. */
  async problem(text: string, env: Record<string, string> = {}): Promise<ConfigValidationError> {
    try {
      await this.load(text, env);
    } catch (error) {
      if (error instanceof ConfigValidationError) return error;
      throw error;
    }
    throw new Error("config loaded but was expected to fail");
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
