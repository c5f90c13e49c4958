/** Adapter: keeps the action-metadata cache directory across workflow runs with @actions/cache. */
import * as cache from "@actions/cache";
import { errorMessage } from "../../common/errors.js";
import type { Logger } from "../../common/logger.js";

export const METADATA_CACHE_PREFIX = "redundancy-action-metadata-";

/** Restores the newest saved cache into `dir`; false when there is none or the service is unavailable. */
export async function restoreMetadataCache(dir: string, logger: Logger): Promise<boolean> {
  if (!cache.isFeatureAvailable()) {
    logger.debug("the Actions cache service is not available; action metadata is fetched afresh");
    return false;
  }
  try {
    const hit = await cache.restoreCache([dir], `${METADATA_CACHE_PREFIX}restore`, [METADATA_CACHE_PREFIX]);
    return hit !== undefined;
  } catch (error) {
    logger.warning(`could not restore the action metadata cache: ${errorMessage(error)}`);
    return false;
  }
}

/** Saves `dir` under a key unique to this run, so each run's additions are kept. */
export async function saveMetadataCache(dir: string, runId: string, logger: Logger): Promise<void> {
  if (!cache.isFeatureAvailable()) return;
  try {
    await cache.saveCache([dir], `${METADATA_CACHE_PREFIX}${runId}`);
  } catch (error) {
    logger.warning(`could not save the action metadata cache: ${errorMessage(error)}`);
  }
}
