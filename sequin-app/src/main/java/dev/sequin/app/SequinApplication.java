package dev.sequin.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The service: management API, pull API, console, and the replication-to-delivery pipeline. */
@SpringBootApplication(scanBasePackages = "dev.sequin")
@ConfigurationPropertiesScan
@EntityScan(basePackages = "dev.sequin")
@EnableJpaRepositories(basePackages = "dev.sequin")
public class SequinApplication {

    public static void main(String[] args) {
        SpringApplication.run(SequinApplication.class, args);
    }
}
