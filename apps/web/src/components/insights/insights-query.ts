import { graphql } from '../../gql';

export const InsightsPage_Insights = graphql(`
  query InsightsPage_Insights(
    $range: InsightsRangeInput!
    $filter: InsightsFilterInput
    $scope: InsightsScope
  ) {
    insights(range: $range, filter: $filter, scope: $scope) {
      scope
      from
      until
      volume {
        day
        provider
        operation
        jobs
        images
      }
      speed {
        provider
        model
        jobs
        queueWaitP50Ms
        queueWaitP95Ms
        providerP50Ms
        providerP95Ms
        totalP50Ms
        totalP95Ms
      }
      speedOverTime {
        day
        provider
        totalP50Ms
        totalP95Ms
      }
      reliability {
        provider
        model
        jobs
        succeeded
        failed
        canceled
        successRate
        retries
        fallbacks
      }
      failures {
        code
        count
      }
      fallbackFinishers {
        firstProvider
        finishedBy
        jobs
      }
      cost {
        day
        provider
        model
        costUsd
        images
      }
      costSummary {
        totalUsd
        perImageUsd
        monthToDateUsd
        projectedMonthUsd
      }
      costByPerson {
        userId
        name
        costUsd
        images
      }
      keepRate {
        dimension
        key
        label
        images
        starred
        tagged
        collected
        downloaded
        shared
        reused
        trashed
        keepRate
      }
      topPrompts {
        prompt
        uses
        keepRate
      }
      topTemplates {
        id
        name
        uses
        keepRate
      }
      topPresets {
        id
        name
        uses
        keepRate
      }
      batchComparisons {
        batchId
        provider
        jobs
        totalP50Ms
        costUsd
        keepRate
      }
    }
  }
`);
