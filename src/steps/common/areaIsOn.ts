import { Area, Areas } from '../../areas';
import { runOf } from '../../execution';
import { StepContext } from './StepRun';

/**
 * Whether an area is collected in this run: its config switch and
 * JupiterOne's ingestion source of the same area. For steps that do an
 * area's work as a mode (src/areas.ts modeOf) and for areas a step only
 * feeds: the SDK disables an area's own steps itself.
 */
export function areaIsOn(context: StepContext, area: Area): boolean {
  const disabled = (context.instance.disabledSources ?? []).some((s) => s.ingestionSourceId === Areas[area].id);
  return runOf(context).settings.areas[area] && !disabled;
}
