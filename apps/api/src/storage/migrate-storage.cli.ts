import { parseArgs } from 'node:util';
import { parseEnvForMigrationToS3, storageSettingsOf } from '../env';
import { S3Storage } from '../repositories/s3-storage.repository';
import { diskFilesDir } from '../repositories/storage-factory';
import { migrateDiskToS3 } from './migrate-storage';

// pnpm storage:migrate --to s3 [--dry-run]: copies <ATELIER_DATA_DIR>/files to the S3_* bucket.
const usage = 'usage: pnpm storage:migrate --to s3 [--dry-run]';
let args: { to?: string; 'dry-run'?: boolean };
try {
  ({ values: args } = parseArgs({
    options: { to: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.to !== 's3') {
  console.error(`--to must be s3 (the only direction supported: disk to a bucket)\n${usage}`);
  process.exit(2);
}

let env;
try {
  env = parseEnvForMigrationToS3();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { storage } = storageSettingsOf(env);
if (storage.kind !== 's3') throw new Error('unreachable: the migration environment is always s3');
const sourceDir = diskFilesDir(env.ATELIER_DATA_DIR);
const target = new S3Storage(storage);
const dryRun = args['dry-run'] ?? false;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

console.log(`${dryRun ? 'Dry run: would copy' : 'Copying'} ${sourceDir} → s3://${storage.bucket}`);
let done = 0;
const report = await migrateDiskToS3({
  sourceDir,
  target,
  dryRun,
  onFile() {
    done += 1;
    if (done % 500 === 0) console.log(`  ${done} files looked at`);
  },
});
await target.close();

console.log(`Found ${report.found.files} files (${mib(report.found.bytes)}).`);
console.log(`Already in the bucket: ${report.present.files} files (${mib(report.present.bytes)}).`);
console.log(
  `${dryRun ? 'Would copy' : 'Copied and verified (SHA-256 read back)'}: ${report.copied.files} files (${mib(report.copied.bytes)}).`,
);
for (const failure of report.failed) console.error(`FAILED ${failure.key}: ${failure.reason}`);
if (report.failed.length > 0) {
  console.error(
    `${report.failed.length} files were not copied; run the command again after fixing the cause.`,
  );
  process.exit(1);
}
if (!dryRun) {
  console.log(
    'Nothing was switched: set ATELIER_STORAGE=s3 (with the same S3_* variables) and restart to use the bucket.',
  );
}
