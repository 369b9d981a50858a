import { describe, expect, it } from 'vitest';
import { parseEnv, storageSettingsOf } from './env';

describe('parseEnv', () => {
  it('reads the allowed browser origins as a list', () => {
    const env = parseEnv({ ATELIER_ALLOWED_ORIGINS: 'http://localhost:5173, https://studio.example' });
    expect(env.ATELIER_ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://studio.example']);
    expect(parseEnv({}).ATELIER_ALLOWED_ORIGINS).toEqual([]);
  });

  it('reads the addresses URL imports may reach in tests, and refuses a host name', () => {
    const env = parseEnv({ ATELIER_URL_FETCH_ALLOW_ADDRESSES: '127.0.0.1, ::1' });
    expect(env.ATELIER_URL_FETCH_ALLOW_ADDRESSES).toEqual(['127.0.0.1', '::1']);
    expect(parseEnv({}).ATELIER_URL_FETCH_ALLOW_ADDRESSES).toEqual([]);
    expect(() => parseEnv({ ATELIER_URL_FETCH_ALLOW_ADDRESSES: 'localhost' })).toThrow(
      /ATELIER_URL_FETCH_ALLOW_ADDRESSES/,
    );
  });

  it('reads the extra hosts provider results may come from, and refuses a URL', () => {
    const env = parseEnv({ ATELIER_RESULT_HOSTS: '127.0.0.1:9000, Images.Internal' });
    expect(env.ATELIER_RESULT_HOSTS).toEqual(['127.0.0.1:9000', 'images.internal']);
    expect(parseEnv({}).ATELIER_RESULT_HOSTS).toEqual([]);
    expect(() => parseEnv({ ATELIER_RESULT_HOSTS: 'https://cdn.example/' })).toThrow(/ATELIER_RESULT_HOSTS/);
  });

  it('leaves metrics off by default and reads their port and token', () => {
    expect(parseEnv({}).ATELIER_METRICS).toBe(false);
    const env = parseEnv({
      ATELIER_METRICS: '1',
      ATELIER_METRICS_PORT: '9464',
      ATELIER_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
    expect(env).toMatchObject({
      ATELIER_METRICS: true,
      ATELIER_METRICS_PORT: 9464,
      ATELIER_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
  });

  it('refuses metrics with neither a port of their own nor a token, and a short token', () => {
    expect(() => parseEnv({ ATELIER_METRICS: '1' })).toThrow(/ATELIER_METRICS: .*ATELIER_METRICS_PORT/);
    expect(() => parseEnv({ ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'short' })).toThrow(
      /ATELIER_METRICS_TOKEN/,
    );
    expect(parseEnv({ ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'x'.repeat(32) }).ATELIER_METRICS).toBe(
      true,
    );
  });

  it('refuses metrics on a worker-only process without a port of their own', () => {
    expect(() =>
      parseEnv({ ATELIER_ROLE: 'worker', ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'x'.repeat(32) }),
    ).toThrow(/ATELIER_METRICS_PORT: a worker process/);
    expect(
      parseEnv({ ATELIER_ROLE: 'worker', ATELIER_METRICS: '1', ATELIER_METRICS_PORT: '9464' })
        .ATELIER_METRICS_PORT,
    ).toBe(9464);
  });

  const bucket = {
    ATELIER_STORAGE: 's3',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_REGION: 'garage',
    S3_BUCKET: 'atelier-images',
    S3_ACCESS_KEY_ID: 'key-id',
    S3_SECRET_ACCESS_KEY: 'secret',
    S3_FORCE_PATH_STYLE: '1',
  };

  it('keeps files on disk and streams them by default', () => {
    expect(storageSettingsOf(parseEnv({}))).toEqual({
      storage: { kind: 'disk' },
      filesDelivery: { mode: 'stream' },
    });
  });

  it('reads the S3 bucket settings and the presigned delivery with its lifetime', () => {
    expect(storageSettingsOf(parseEnv({ ...bucket, ATELIER_FILES_DELIVERY: 'presigned' }))).toEqual({
      storage: {
        kind: 's3',
        endpoint: 'http://127.0.0.1:9000',
        region: 'garage',
        bucket: 'atelier-images',
        accessKeyId: 'key-id',
        secretAccessKey: 'secret',
        forcePathStyle: true,
      },
      filesDelivery: { mode: 'presigned', seconds: 300 },
    });
    const aws = storageSettingsOf(
      parseEnv({
        ATELIER_STORAGE: 's3',
        S3_REGION: 'eu-west-1',
        S3_BUCKET: 'pics',
        S3_PRESIGN_SECONDS: '60',
      }),
    );
    expect(aws.storage).toMatchObject({ endpoint: null, accessKeyId: null, forcePathStyle: false });
    expect(aws.filesDelivery).toEqual({ mode: 'stream' });
  });

  it('refuses S3 storage without its bucket or region, naming them', () => {
    expect(() => parseEnv({ ATELIER_STORAGE: 's3', S3_REGION: 'us-east-1' })).toThrow(
      /S3_BUCKET: required when ATELIER_STORAGE=s3/,
    );
    expect(() => parseEnv({ ATELIER_STORAGE: 's3', S3_BUCKET: 'pics' })).toThrow(
      /S3_REGION: required when ATELIER_STORAGE=s3/,
    );
    expect(() => parseEnv({ ...bucket, S3_BUCKET: 'Not A Bucket' })).toThrow(
      /S3_BUCKET: expected a bucket name/,
    );
  });

  it('refuses half a key pair, naming the missing half', () => {
    const { S3_SECRET_ACCESS_KEY: _secret, ...withoutSecret } = bucket;
    expect(() => parseEnv(withoutSecret)).toThrow(/S3_SECRET_ACCESS_KEY: set both/);
    const { S3_ACCESS_KEY_ID: _id, ...withoutId } = bucket;
    expect(() => parseEnv(withoutId)).toThrow(/S3_ACCESS_KEY_ID: set both/);
  });

  it('refuses S3 settings while storage is disk, and presigned delivery from disk', () => {
    const { ATELIER_STORAGE: _storage, ...onlyS3 } = bucket;
    expect(() => parseEnv(onlyS3)).toThrow(/ATELIER_STORAGE: is disk .*S3_ENDPOINT, S3_REGION, S3_BUCKET/);
    expect(() => parseEnv({ ATELIER_STORAGE: 'disk', S3_BUCKET: 'pics' })).toThrow(
      /ATELIER_STORAGE: is disk \(the default\), yet S3_BUCKET is set/,
    );
    expect(() => parseEnv({ ATELIER_FILES_DELIVERY: 'presigned' })).toThrow(
      /ATELIER_FILES_DELIVERY: presigned needs ATELIER_STORAGE=s3/,
    );
  });

  it('refuses to start naming every bad variable', () => {
    expect(() => parseEnv({ ATELIER_ALLOWED_ORIGINS: 'ftp://x', PORT: 'eighty' })).toThrow(
      /ATELIER_ALLOWED_ORIGINS[\s\S]*PORT|PORT[\s\S]*ATELIER_ALLOWED_ORIGINS/,
    );
  });
});
