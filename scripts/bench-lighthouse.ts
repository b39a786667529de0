// `npm run bench:lighthouse`: the demo page's Lighthouse performance score with and without the block, same run.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../demo/chromium.js';
import { startDemo } from '../demo/server.js';

interface Options {
  runs: number;
  json: boolean;
  desktop: boolean;
}

interface Sample {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
}

type Metric = keyof Sample;

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 5, json: false, desktop: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--desktop') options.desktop = true;
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg?.startsWith('--runs=')) options.runs = Number(arg.slice('--runs='.length));
    else throw new Error(`unknown argument ${arg}; use --runs N, --desktop, --json`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be ≥ 1');
  return options;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const demo = await startDemo({ port: 0 });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
  });
  const pages = { withBlock: `${demo.url}/`, withoutBlock: `${demo.url}/?noblock=1` };
  const samples: Record<keyof typeof pages, Sample[]> = { withBlock: [], withoutBlock: [] };
  try {
    for (let run = 0; run < options.runs; run++) {
      // Alternating the two pages spreads any drift in the machine's load over both equally.
      const order =
        run % 2
          ? (['withoutBlock', 'withBlock'] as const)
          : (['withBlock', 'withoutBlock'] as const);
      for (const page of order) {
        const result = await lighthouse(
          pages[page],
          { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' },
          options.desktop ? desktopConfig : undefined,
        );
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError) {
          throw new Error(
            `Lighthouse failed on ${pages[page]}: ${lhr?.runtimeError?.message ?? 'no result'}`,
          );
        }
        const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        const sample: Sample = {
          score: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
          fcp: value('first-contentful-paint'),
          lcp: value('largest-contentful-paint'),
          tbt: value('total-blocking-time'),
          cls: value('cumulative-layout-shift'),
          si: value('speed-index'),
        };
        samples[page].push(sample);
        if (!options.json) {
          console.error(`run ${run + 1}/${options.runs} ${page.padEnd(12)} score ${sample.score}`);
        }
      }
    }
  } finally {
    chrome.kill();
    await demo.close();
  }

  const medians = (list: Sample[]): Sample => {
    const of = (m: Metric) => median(list.map((s) => s[m]));
    return {
      score: of('score'),
      fcp: of('fcp'),
      lcp: of('lcp'),
      tbt: of('tbt'),
      cls: of('cls'),
      si: of('si'),
    };
  };
  const withBlock = medians(samples.withBlock);
  const withoutBlock = medians(samples.withoutBlock);
  const report = {
    lighthouse: '12.2.3',
    formFactor: options.desktop ? 'desktop' : 'mobile',
    throttling: 'simulated (Lighthouse default)',
    runs: options.runs,
    withBlock,
    withoutBlock,
    scoreDelta: withBlock.score - withoutBlock.score,
    scores: {
      withBlock: samples.withBlock.map((s) => s.score),
      withoutBlock: samples.withoutBlock.map((s) => s.score),
    },
  };
  if (options.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const row = (label: string, m: Metric, digits: number) =>
    `  ${label.padEnd(26)}${withBlock[m].toFixed(digits).padStart(10)}${withoutBlock[m].toFixed(digits).padStart(14)}${(withBlock[m] - withoutBlock[m]).toFixed(digits).padStart(10)}`;
  console.log(
    [
      '',
      `Lighthouse 12.2.3, performance only, ${report.formFactor}, median of ${options.runs} runs each`,
      `  ${''.padEnd(26)}${'with block'.padStart(10)}${'without block'.padStart(14)}${'delta'.padStart(10)}`,
      row('Performance score', 'score', 0),
      row('First Contentful Paint ms', 'fcp', 0),
      row('Largest Contentful Paint ms', 'lcp', 0),
      row('Total Blocking Time ms', 'tbt', 0),
      row('Cumulative Layout Shift', 'cls', 3),
      row('Speed Index ms', 'si', 0),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
