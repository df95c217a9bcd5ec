import { describe, expect, it } from '@jest/globals';
import { samplesByLabel, sampleTotal } from '../../../libs/platform/src/metrics/prometheus-samples.js';

// Lines as the Temporal SDK core and the dev server publish them (labels abridged).
const PAGE = [
  '# HELP temporal_sticky_cache_hit Count of times the workflow cache was used for a new workflow task',
  '# TYPE temporal_sticky_cache_hit counter',
  'temporal_sticky_cache_hit{namespace="default",task_queue="duban",workflow_type="riskItemWorkflow"} 4260',
  'temporal_sticky_cache_hit{namespace="default",task_queue="duban",workflow_type="cardWorkflow"} 3',
  'temporal_sticky_cache_hit_other{workflow_type="riskItemWorkflow"} 99',
  'temporal_sticky_cache_size{namespace="default",task_queue="duban"} 2310',
  'temporal_sticky_cache_size{namespace="default",task_queue="duban-replay"} 5',
  'persistence_requests{operation="CreateWorkflowExecution",service_name="history"} 7',
  'persistence_requests{operation="CreateWorkflowExecution",service_name="frontend"} 2',
  'persistence_requests{service_name="matching",operation="GetTaskQueue"} 1.5e3',
  'persistence_requests{service_name="matching"} 4',
  'process_uptime_seconds 12.5',
].join('\n');

describe('Prometheus samples (the drills read the worker and the dev server with them)', () => {
  it('sums a metric by one label, wherever the label stands, and leaves out samples without it', () => {
    expect(samplesByLabel(PAGE, 'persistence_requests', 'operation')).toEqual(
      new Map([
        ['CreateWorkflowExecution', 9],
        ['GetTaskQueue', 1500],
      ]),
    );
  });

  it('takes only the metric named, not one whose name it begins', () => {
    expect(samplesByLabel(PAGE, 'temporal_sticky_cache_hit', 'workflow_type')).toEqual(
      new Map([
        ['riskItemWorkflow', 4260],
        ['cardWorkflow', 3],
      ]),
    );
  });

  it('does not take a label whose name ends with the one asked for', () => {
    expect(samplesByLabel(PAGE, 'persistence_requests', 'name')).toEqual(new Map());
  });

  it('totals a metric over all its samples, labelled or not', () => {
    expect(sampleTotal(PAGE, 'temporal_sticky_cache_size')).toBe(2315);
    expect(sampleTotal(PAGE, 'process_uptime_seconds')).toBe(12.5);
    expect(sampleTotal(PAGE, 'absent_metric')).toBe(0);
  });
});
