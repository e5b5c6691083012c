import { validateEnv } from '../../libs/config/env';
import { createApp } from './src/app';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const app = await createApp(env);
  await app.listen(env.PORT);
  console.log(`API listening on http://localhost:${env.PORT}/api/v1 (OpenAPI: http://localhost:${env.PORT}/api/docs)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
