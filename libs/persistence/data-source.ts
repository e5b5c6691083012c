import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition of the database connection for the API, the worker, migrations and tests. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<{ poolSize: number; applicationName: string }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'award-dossier-engine',
  };
}

export async function openDataSource(
  url: string,
  overrides?: Parameters<typeof dataSourceOptions>[1],
): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, overrides));
  await ds.initialize();
  return ds;
}
