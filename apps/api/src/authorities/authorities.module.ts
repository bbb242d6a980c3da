import { Module } from '@nestjs/common';
import { AuthoritiesController } from './authorities.controller.js';
import { AuthoritiesService } from './authorities.service.js';
import { AuthorityRegistryService } from './authority-registry.service.js';

/** The authority registry. Exports AuthoritiesService for registryFor(), which verification reads. */
@Module({
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService, AuthorityRegistryService],
  exports: [AuthoritiesService],
})
export class AuthoritiesModule {}
