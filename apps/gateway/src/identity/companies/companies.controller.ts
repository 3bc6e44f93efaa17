import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import { CurrentActor } from '../current-actor.decorator';
import { pathId } from '../input/path-id';
import { CompaniesService } from './companies.service';

/** `/api/companies/` (reference/oz-api.md §1.2). */
@Controller('api/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.companies.create(actor, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.companies.list(actor, query);
  }

  @Get(':company_id')
  get(@CurrentActor() actor: Actor, @Param('company_id') company_id: string) {
    return this.companies.get(actor, pathId(company_id, 'Company'));
  }

  /** Beyond Oz: rename, or set the biometry settings (decision 0015). */
  @Patch(':company_id')
  update(@CurrentActor() actor: Actor, @Param('company_id') company_id: string, @Body() body: unknown) {
    return this.companies.update(actor, pathId(company_id, 'Company'), body);
  }
}
