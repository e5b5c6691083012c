import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AwardsService } from './awards.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @ApiOperation({ summary: 'The award catalog: who decides each award, the nominees and documents it takes' })
  list() {
    return this.awards.list();
  }
}
