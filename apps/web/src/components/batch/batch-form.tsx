import { type FormEvent, type KeyboardEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { BatchKind, CreateBatchInput } from '../../gql/graphql';
import {
  findModel,
  pickProvider,
  toInput,
  valuesForProvider,
  type GenerateValues,
} from '../../lib/provider-capabilities';
import { networkMessage, refusalMessage } from '../auth/form-errors';
import { ParameterFields } from '../generate/parameter-fields';
import { useProviders } from '../generate/use-providers';
import { quotaMessage } from '../job/quota';
import { Field } from '../ui/field';
import {
  cleanValues,
  describeIssue,
  MAX_BATCH_ITEMS,
  MAX_COMPARE_TARGETS,
  MIN_COMPARE_TARGETS,
  parsePromptList,
} from './batch-input';
import { CollectionPicker, type CollectionChoice } from './collection-picker';
import { type CompareChoice, ComparePanel } from './compare-panel';
import { type MatrixChoice, MatrixPanel } from './matrix-panel';
import { PromptListPanel } from './prompt-list-panel';
import { useOnline } from '../../hooks/use-online';
import { OFFLINE_MESSAGE } from '../job/use-job-submit';

export const BatchForm_CreateBatch = graphql(`
  mutation BatchForm_CreateBatch($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        ...BatchList_Batch
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

const TABS: { kind: BatchKind; label: string }[] = [
  { kind: 'PROMPTS', label: 'Prompt list' },
  { kind: 'MATRIX', label: 'Template matrix' },
  { kind: 'COMPARE', label: 'Compare' },
];

type Problems = Partial<Record<'prompts' | 'matrix' | 'comparePrompt' | 'targets' | 'collection', string>>;

/** A new batch: a prompt list, a template matrix or a compare run, with shared parameters. */
export function BatchForm() {
  const navigate = useNavigate();
  const online = useOnline();
  const [{ data: providerData }] = useProviders();
  const providers = useMemo(() => providerData?.providers ?? [], [providerData]);
  const [kind, setKind] = useState<BatchKind>('PROMPTS');
  const [title, setTitle] = useState('');
  const [promptText, setPromptText] = useState('');
  const [matrix, setMatrix] = useState<MatrixChoice | null>(null);
  const [compare, setCompare] = useState<CompareChoice>({ prompt: '', targets: [] });
  const [collection, setCollection] = useState<CollectionChoice>({ mode: 'none' });
  const [edited, setParams] = useState<GenerateValues | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const [{ fetching }, createBatch] = useMutation(BatchForm_CreateBatch);
  const [matrixPrompts, setMatrixPrompts] = useState(0);

  const defaults = useMemo(() => {
    const chosen = pickProvider(providers, 'local');
    return chosen ? valuesForProvider(chosen, {}, providers) : null;
  }, [providers]);
  const params = edited ?? defaults;
  const provider = providers.find((p) => p.id === params?.provider);
  const model = findModel(provider, params?.model);
  const perPrompt = Math.max(1, Number(params?.count) || 1);

  const parsed = useMemo(() => parsePromptList(promptText), [promptText]);
  const items =
    kind === 'PROMPTS' ? parsed.prompts.length : kind === 'MATRIX' ? matrixPrompts : compare.targets.length;
  const images = items * perPrompt;

  const check = (): Problems => {
    const found: Problems = {};
    if (kind === 'PROMPTS' && parsed.prompts.length === 0) found.prompts = 'Write at least one prompt.';
    if (kind === 'PROMPTS' && parsed.prompts.length > MAX_BATCH_ITEMS) {
      found.prompts = `A batch takes at most ${MAX_BATCH_ITEMS} prompts.`;
    }
    if (kind === 'MATRIX' && !matrix) found.matrix = 'Choose a template.';
    if (kind === 'COMPARE' && !compare.prompt.trim()) found.comparePrompt = 'Write the prompt to compare.';
    if (
      kind === 'COMPARE' &&
      (compare.targets.length < MIN_COMPARE_TARGETS || compare.targets.length > MAX_COMPARE_TARGETS)
    ) {
      found.targets = `Pick ${MIN_COMPARE_TARGETS} to ${MAX_COMPARE_TARGETS} providers or models.`;
    }
    if (collection.mode === 'new' && !collection.name.trim()) found.collection = 'Name the new collection.';
    return found;
  };

  const buildInput = (): CreateBatchInput => {
    const input: CreateBatchInput = {};
    if (title.trim()) input.title = title.trim();
    if (kind === 'COMPARE') {
      // Providers differ in sizes and styles; only what all understand is shared.
      input.compare = { prompt: compare.prompt.trim(), targets: compare.targets };
      input.count = perPrompt;
      const seed = Number(params?.seed);
      if (params?.seed && Number.isInteger(seed)) input.seed = seed;
    } else {
      const { prompt: _prompt, ...shared } = toInput({ ...params!, prompt: 'x' }, provider!);
      Object.assign(input, shared);
      if (kind === 'PROMPTS') input.prompts = parsed.prompts;
      else {
        const values = cleanValues(matrix!.values);
        input.matrix = {
          templateId: matrix!.templateId,
          values: Object.entries(values)
            .filter(([, options]) => options.length > 0)
            .map(([name, options]) => ({ name, options })),
        };
      }
    }
    if (collection.mode === 'existing') input.collectionId = collection.id;
    if (collection.mode === 'new') input.newCollectionName = collection.name.trim();
    return input;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    setIssues([]);
    setFormError(null);
    if (Object.keys(found).length > 0 || (kind !== 'COMPARE' && (!params || !provider))) return;
    if (!online) {
      setFormError(OFFLINE_MESSAGE);
      return;
    }
    const result = await createBatch({ input: buildInput() });
    const outcome = result.data?.createBatch;
    if (result.error || !outcome) {
      setFormError(result.error ? networkMessage(result.error) : 'The server sent no answer. Try again.');
    } else if (outcome.__typename === 'Batch') {
      void navigate(`/batches/${encodeURIComponent(outcome.id)}`);
    } else if (outcome.__typename === 'InvalidInputError') {
      setFormError('Nothing was queued. Fix these and run again:');
      setIssues(outcome.issues.map((issue) => describeIssue(issue.field, issue.message)));
    } else if (outcome.__typename === 'QuotaExceededError') {
      setFormError(quotaMessage(outcome));
    } else {
      setFormError(refusalMessage(outcome));
    }
  };

  const changeProvider = (id: string, modelId?: string) => {
    const next = providers.find((p) => p.id === id);
    if (!next || !params) return;
    setParams(valuesForProvider(next, { ...params, model: modelId ?? params.model }, providers));
  };

  // Arrow keys move between tabs, as in every tab list.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = TABS.findIndex((tab) => tab.kind === kind);
    const next = TABS[(index + step + TABS.length) % TABS.length]!.kind;
    setKind(next);
    document.getElementById(`batch-tab-${next}`)?.focus();
  };

  return (
    <form className="batch-form" aria-label="New batch" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Title" hint="Optional; made from the first prompt when empty.">
        {(control) => (
          <input
            {...control}
            className="input"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <div className="batch-tabs" role="tablist" aria-label="Kind of batch" onKeyDown={onTabKey}>
        {TABS.map((tab) => (
          <button
            key={tab.kind}
            type="button"
            role="tab"
            id={`batch-tab-${tab.kind}`}
            aria-selected={kind === tab.kind}
            aria-controls="batch-tabpanel"
            tabIndex={kind === tab.kind ? 0 : -1}
            className="batch-tab"
            onClick={() => setKind(tab.kind)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id="batch-tabpanel" role="tabpanel" aria-labelledby={`batch-tab-${kind}`}>
        {kind === 'PROMPTS' && (
          <PromptListPanel
            text={promptText}
            parsed={parsed}
            error={problems.prompts}
            onTextChange={setPromptText}
          />
        )}
        {kind === 'MATRIX' && (
          <MatrixPanel
            choice={matrix}
            perPrompt={perPrompt}
            error={problems.matrix}
            onChange={setMatrix}
            onSize={setMatrixPrompts}
          />
        )}
        {kind === 'COMPARE' && (
          <ComparePanel
            providers={providers}
            choice={compare}
            errors={{ prompt: problems.comparePrompt, targets: problems.targets }}
            onChange={setCompare}
          />
        )}
      </div>
      <section className="batch-params" aria-label="Parameters for every item">
        <h2>Parameters</h2>
        {kind === 'COMPARE' ? (
          <p className="muted">
            Each target uses its own default size and model settings; the seed and count below are shared.
          </p>
        ) : null}
        <div className="generate-panel batch-param-fields">
          {params && provider && model && kind !== 'COMPARE' ? (
            <ParameterFields
              providers={providers}
              provider={provider}
              model={model}
              values={params}
              errors={{}}
              onChange={(changes) => setParams({ ...params, ...changes })}
              onProviderChange={changeProvider}
            />
          ) : params && kind === 'COMPARE' ? (
            <>
              <Field label="Images per target">
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="number"
                    min={1}
                    max={4}
                    value={params.count}
                    onChange={(e) => setParams({ ...params, count: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Seed" hint="The same seed everywhere makes the comparison fairer.">
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="number"
                    min={0}
                    value={params.seed}
                    onChange={(e) => setParams({ ...params, seed: e.target.value })}
                  />
                )}
              </Field>
            </>
          ) : (
            <p className="muted">Loading providers…</p>
          )}
        </div>
      </section>
      <CollectionPicker value={collection} error={problems.collection} onChange={setCollection} />
      {formError && (
        <div className="form-error" role="alert">
          <p>{formError}</p>
          {issues.length > 0 && (
            <ul>
              {issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="batch-submit-row">
        <button type="submit" className="button button-primary" disabled={fetching || items === 0 || !online}>
          {!online
            ? 'Offline'
            : items === 0
              ? 'Run batch'
              : `Run batch · ${images} ${images === 1 ? 'image' : 'images'}`}
        </button>
      </div>
    </form>
  );
}
