/**
 * The worker side of the search pool: each worker builds one NodeEvaluator per search, the
 * first time it sees the search's payload id (typed arrays over SharedArrayBuffers: the groups
 * are not copied), and evaluates the nodes it is sent, keeping its own roll-up cache.
 */
import { NodeEvaluator, type NodeOutcome, type SearchPayload } from './evaluator.js';

/** One task: the search's payload (shared memory) and id, nodes and their levels (width values per node, flattened). */
export interface SearchTask {
  id: string;
  payload: SearchPayload;
  nodes: number[];
  levels: Int32Array;
  width: number;
}

let current: { id: string; evaluator: NodeEvaluator } | undefined;

/** Worker entry (piscina): evaluates the task's nodes. */
export default function evaluateNodes(task: SearchTask): NodeOutcome[] {
  if (current?.id !== task.id) current = { id: task.id, evaluator: new NodeEvaluator(task.payload) };
  const evaluator = current.evaluator;
  return task.nodes.map((node, i) => evaluator.evaluate(node, task.levels.subarray(i * task.width, (i + 1) * task.width)));
}
