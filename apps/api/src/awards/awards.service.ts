import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AwardEntity } from '../../../../libs/persistence/entities';

@Injectable()
export class AwardsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  list(): Promise<AwardEntity[]> {
    return this.ds.getRepository(AwardEntity).find({ where: { active: true }, order: { code: 'ASC' } });
  }

  find(code: string): Promise<AwardEntity | null> {
    return this.ds.getRepository(AwardEntity).findOne({ where: { code, active: true } });
  }
}
