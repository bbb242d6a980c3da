import { Module } from '@nestjs/common';
import { AuthoritiesController } from './authorities.controller.js';
import { AuthoritiesService } from './authorities.service.js';
import { RegistryChangeExpiry } from './registry-change-expiry.js';
import { RegistryChangesController } from './registry-changes.controller.js';

/**
 * The authority registry, with four eyes on what widens trust (registry changes). Exports AuthoritiesService for
 * registryFor(), which verification reads.
 */
@Module({
  controllers: [AuthoritiesController, RegistryChangesController],
  providers: [AuthoritiesService, RegistryChangeExpiry],
  exports: [AuthoritiesService],
})
export class AuthoritiesModule {}
